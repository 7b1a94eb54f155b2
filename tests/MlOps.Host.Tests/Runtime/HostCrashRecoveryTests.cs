using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Pipeline.Activities;
using MlOps.Testing;
using Xunit.Abstractions;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// The host killed (SIGKILL, as a crash or an OOM kill would) during each stage of one run, and started again on the
/// same storage and task hub: the interrupted work is taken up again within a minute of the restart, and the run ends
/// once, with one version, and no version is ever listed before its artifact is stored.
/// </summary>
[Trait("Category", "Resilience")]
public sealed class HostCrashRecoveryTests : IClassFixture<AzuriteFixture>
{
    private const string Model = "crash";
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    // Each stage's activity waits this long once its step is recorded running: on a fast machine ingest, evaluation or
    // deployment can otherwise end between two looks at the step records, and the kill would come after the stage.
    private static readonly IReadOnlyDictionary<string, string> PausedStages = new Dictionary<string, string>
    {
        ["MLOPS_" + StepRecorder.StagePauseSetting.Replace(":", "__", StringComparison.Ordinal)] = "00:00:05",
    };
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;

    public HostCrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    [Fact]
    public async Task KillDuringEachStage_RestartedHost_ResumesWithinAMinuteWithOneRunAndOneVersion()
    {
        string prefix = UniqueName.For("k");
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Storage:Prefix"] = prefix });
        var storage = services.GetRequiredService<MlOpsStorage>();
        var runs = services.GetRequiredService<RunStore>();
        var candidates = services.GetRequiredService<CandidateStore>();
        var registry = services.GetRequiredService<ModelRegistry>();
        BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
        await datasets.GetBlobClient($"{Model}/pipeline.json").UploadAsync(BinaryData.FromString("""{ "label": "diagnosis", "positiveClass": "malignant" }"""));

        var log = new ConcurrentQueue<string>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        HostProcess host = HostProcess.Start(_azurite.ConnectionString, prefix, LoopbackPort.Free(), log, PausedStages);
        using var stopWatching = new CancellationTokenSource();
        var watch = new VersionWatch(http, registry, storage);
        Task watching = Task.CompletedTask;
        var recoveries = new List<(string Stage, TimeSpan Recovery)>();
        try
        {
            await host.WaitUntilServingAsync(http, TimeSpan.FromSeconds(90));
            watch.ApiBaseUrl = host.ApiBaseUrl;
            watching = watch.RunAsync(stopWatching.Token);
            await datasets.GetBlobClient($"{Model}/data.csv").UploadAsync(BinaryData.FromString(await File.ReadAllTextAsync(TestData.BreastCancerCsv)));
            RunRecord run = await Eventually.ValueAsync(async () => (await runs.ListAsync(Model)).SingleOrDefault(), "the upload's run", TimeSpan.FromSeconds(60));

            foreach (string stage in new[] { "ingest", "train", "evaluate", "deploy" })
            {
                await WaitForStepRunningAsync(runs, run.RunId, stage, log);
                DateTimeOffset killedAt = DateTimeOffset.UtcNow;
                await host.KillAsync();
                await host.DisposeAsync();
                RunStepRecord interrupted = (await runs.GetStepsAsync(run.RunId)).Single(s => s.Name == stage);
                Assert.True(interrupted.Status == RunStatus.Running, $"The kill came after {stage} ended ({interrupted.Status}); nothing was interrupted.\n{Tail(log)}");

                host = HostProcess.Start(_azurite.ConnectionString, prefix, LoopbackPort.Free(), log, PausedStages);
                string restarted = $"[{host.Id.ToString(CultureInfo.InvariantCulture)}]";
                Progress resumed = await Eventually.ValueAsync(
                    () => FirstProgressAfterAsync(runs, candidates, run.RunId, killedAt), $"{stage} to resume after the restart", RecoveryBound + TimeSpan.FromSeconds(30), () => Tail(log));
                TimeSpan recovery = resumed.At - host.StartedAt;
                recoveries.Add((stage, recovery));
                _output.WriteLine($"killed during {stage}: resumed {recovery.TotalSeconds:F1} s after the restart");
                Assert.True(recovery < RecoveryBound, $"{stage} resumed {recovery.TotalSeconds:F1} s after the restart.\n{Tail(log)}");
                // The killed host held the stage's activity: the restarted one is handed that same work again.
                await Eventually.ValueAsync(
                    () => Task.FromResult(log.FirstOrDefault(line => line.Contains(restarted, StringComparison.Ordinal) && line.Contains("delivered again", StringComparison.Ordinal))),
                    $"the activity interrupted in {stage} to be delivered again to the restarted host", RecoveryBound, () => Tail(log));
                await host.WaitUntilServingAsync(http, TimeSpan.FromSeconds(90));
                watch.ApiBaseUrl = host.ApiBaseUrl;
            }

            RunRecord ended = await Eventually.ValueAsync(
                async () => await runs.GetAsync(run.RunId) is { } r && r.Status.IsTerminal() ? r : null, "the run to end", TimeSpan.FromSeconds(120), () => Tail(log));
            await stopWatching.CancelAsync();
            await watching;

            Assert.True(ended.Status == RunStatus.Succeeded, $"{ended.Status}: {ended.Reason}\n{Tail(log)}");
            Assert.Single(await runs.ListAsync(Model));
            ModelVersionRecord version = Assert.Single(await registry.ListVersionsAsync(Model));
            Assert.Equal(version.Version, (await registry.GetAliasAsync(Model, ModelRegistry.Production))?.Version);
            Assert.True(watch.Polls > 20, $"the versions were polled only {watch.Polls} times");
            Assert.True(watch.Violations.IsEmpty, "Listed without a stored, verified artifact: " + string.Join("; ", watch.Violations));
            Assert.Contains(log, line => line.Contains("delivered again", StringComparison.Ordinal));
        }
        finally
        {
            await stopWatching.CancelAsync();
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            await host.DisposeAsync();
            _output.WriteLine(string.Join('\n', recoveries.Select(r => $"{r.Stage}: {r.Recovery.TotalSeconds:F1} s")));
        }
    }

    /// <summary>Polls the run's steps until <paramref name="stage"/> is running (a stage that is over is a failure: the kill would be late).</summary>
    private static Task WaitForStepRunningAsync(RunStore runs, string runId, string stage, ConcurrentQueue<string> log) =>
        Eventually.ValueAsync(
            async () =>
            {
                RunStepRecord? step = (await runs.GetStepsAsync(runId)).FirstOrDefault(s => s.Name == stage);
                if (step is not null && step.Status != RunStatus.Running)
                {
                    throw new InvalidOperationException($"{stage} ended ({step.Status}) before the test saw it running.\n{Tail(log)}");
                }

                return step;
            },
            $"{stage} to start", TimeSpan.FromSeconds(120), () => Tail(log), interval: TimeSpan.FromMilliseconds(20));

    /// <summary>The earliest time after <paramref name="after"/> that the run recorded progress: a step or a candidate started or ended.</summary>
    private static async Task<Progress?> FirstProgressAfterAsync(RunStore runs, CandidateStore candidates, string runId, DateTimeOffset after)
    {
        IEnumerable<DateTimeOffset> times = (await runs.GetStepsAsync(runId)).SelectMany(s => new[] { s.StartedAt, s.EndedAt ?? DateTimeOffset.MinValue })
            .Concat((await candidates.ListAsync(runId)).SelectMany(c => new[] { c.StartedAt, c.EndedAt }));
        DateTimeOffset[] later = [.. times.Where(t => t > after)];
        return later.Length == 0 ? null : new Progress(later.Min());
    }

    private sealed record Progress(DateTimeOffset At);

    private static string Tail(ConcurrentQueue<string> log) => string.Join('\n', log.TakeLast(60));

    /// <summary>
    /// Polls the versions the API lists, as a client would see them, and checks that each one's artifact is stored
    /// and matches its SHA-256 at that moment.
    /// </summary>
    private sealed class VersionWatch(HttpClient http, ModelRegistry registry, MlOpsStorage storage)
    {
        private volatile string _apiBaseUrl = string.Empty;
        private int _polls;

        public string ApiBaseUrl
        {
            get => _apiBaseUrl;
            set => _apiBaseUrl = value;
        }

        public int Polls => _polls;

        public ConcurrentQueue<string> Violations { get; } = new();

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using JsonDocument listed = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{ApiBaseUrl}/api/models/{Model}/versions"), stop));
                    foreach (JsonElement version in listed.RootElement.EnumerateArray())
                    {
                        await CheckAsync(version.GetProperty("version").GetInt32(), stop);
                    }

                    Interlocked.Increment(ref _polls);
                }
                catch (HttpRequestException)
                {
                    // The host is down between a kill and its restart.
                }
                catch (TaskCanceledException) when (!stop.IsCancellationRequested)
                {
                    // A request to a host being killed.
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(100, CancellationToken.None);
            }
        }

        private async Task CheckAsync(int version, CancellationToken stop)
        {
            ModelVersionRecord? record = await registry.GetVersionAsync(Model, version, stop);
            BlobClient artifact = storage.Container(storage.Layout.Models).GetBlobClient(record?.ArtifactPath ?? $"{Model}/{version}/model.zip");
            if (record is null || !(await artifact.ExistsAsync(stop)).Value)
            {
                Violations.Enqueue($"v{version} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}: no artifact");
                return;
            }

            byte[] content = (await artifact.DownloadContentAsync(stop)).Value.Content.ToArray();
            if (!string.Equals(Convert.ToHexString(SHA256.HashData(content)), record.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                Violations.Enqueue($"v{version} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}: artifact does not match its SHA-256");
            }
        }
    }
}
