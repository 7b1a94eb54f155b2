using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Demo;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Pipeline throughput as concurrency grows: the same number of runs kept 1, 4 and 16 at a time in flight on one local
/// host, then 16 at a time on two hosts sharing one task hub and storage, with how the work split between the hosts.
/// Every run must end Succeeded with its version in production; the report counts any that did not.
/// </summary>
internal sealed class ScaleBenchmark : IBenchmark
{
    private const int Runs = 16;
    private static readonly int[] Concurrencies = [1, 4, 16];
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LeaseSpreadTimeout = TimeSpan.FromMinutes(2);

    public string Name => "scale";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        string loadBefore = MachineLoad.OneMinute();
        context.Progress("starting a shared Azurite");
        await using AzuriteEmulator azurite = await AzuriteEmulator.StartAsync(new AzuriteOptions { BlobPort = 0, InMemory = true }, cancellationToken: cancellationToken);
        DemoDataset demo = DemoDataset.Load();

        // The process's first run pays for JIT compilation; later hosts in the process reuse the compiled code.
        context.Progress("warming up with one untimed run");
        ScalePhase warmUp = await RunPhaseAsync(context, azurite.ConnectionString, demo, "scwarm", runs: 1, concurrency: 1, hosts: 1, cancellationToken);

        var single = new List<ScalePhase>();
        foreach (int concurrency in Concurrencies)
        {
            single.Add(await RunPhaseAsync(context, azurite.ConnectionString, demo, $"sc{concurrency}", Runs, concurrency, hosts: 1, cancellationToken));
        }

        ScalePhase shared = await RunPhaseAsync(context, azurite.ConnectionString, demo, "sc2h", Runs, Runs, hosts: 2, cancellationToken);
        return Report(demo, warmUp, single, shared, $"{loadBefore} before, {MachineLoad.OneMinute()} after");
    }

    private static BenchmarkReport Report(DemoDataset demo, ScalePhase warmUp, List<ScalePhase> single, ScalePhase shared, string load)
    {
        ScalePhase one = single[0];
        ScalePhase busiest = single[^1];
        var figures = new List<BenchmarkFigure>();
        foreach (ScalePhase phase in single.Append(shared))
        {
            string label = Label(phase);
            ScalePhase peer = phase.Hosts > 1 ? busiest : one;
            bool compared = !ReferenceEquals(peer, phase);
            figures.Add(new($"{label}: runs per minute ({phase.Runs} runs{(compared ? $"; peer: {Label(peer)}" : string.Empty)})", F(phase.RunsPerMinute, "F1"),
                compared ? F(peer.RunsPerMinute, "F1") : string.Empty, compared ? F(phase.RunsPerMinute / peer.RunsPerMinute) + "x" : string.Empty));
            figures.Add(new($"{label}: upload → production p50 / p95 (s)", $"{F(phase.Percentile(0.5))} / {F(phase.Percentile(0.95))}"));
            figures.Add(new($"{label}: per run, median s: upload → run started / steps' own time / of which train / waiting (queues, dispatch)",
                $"{F(phase.MedianToStart)} / {F(phase.MedianSteps)} / {F(phase.MedianTrain)} / {F(phase.MedianWaiting)}"));
            figures.Add(new($"{label}: cores used (of 2): hosts' process / Azurite / other processes", $"{F(phase.Cores.Hosts)} / {F(phase.Cores.Azurite)} / {F(phase.Cores.Others)}"));
        }

        int activities = shared.Workers.Sum(w => w.Activities);
        int episodes = shared.Workers.Sum(w => w.OrchestratorEpisodes);
        figures.Add(new($"{Label(shared)}: activities per host", Split(shared.Workers.Select(w => (w.Host, w.Activities)), activities)));
        figures.Add(new($"{Label(shared)}: orchestrator episodes per host", Split(shared.Workers.Select(w => (w.Host, w.OrchestratorEpisodes)), episodes)));
        figures.Add(new($"{Label(shared)}: task hub partition leases per host (of 4)",
            shared.Leases.Count == 0 ? "not read" : string.Join(" / ", shared.Workers.Select(w => $"{w.Host} {shared.Leases.GetValueOrDefault(w.Host)}"))));

        ScalePhase[] measured = [.. single, shared];
        int runs = measured.Sum(p => p.Runs);
        int lost = measured.Sum(p => p.Lost.Count);
        figures.Add(new($"runs that did not end Succeeded with their version in production (of {runs})", lost.ToString(CultureInfo.InvariantCulture), Target: "0", MeetsTarget: lost == 0));

        var notes = new StringBuilder();
        if (lost > 0 || warmUp.Lost.Count > 0)
        {
            notes.AppendLine(CultureInfo.InvariantCulture, $"**{lost} OF {runs} RUNS DID NOT END SUCCEEDED AND DEPLOYED; the throughput figures count only those that did.**");
            foreach (ScalePhase phase in measured.Prepend(warmUp).Where(p => p.Lost.Count > 0))
            {
                notes.AppendLine(CultureInfo.InvariantCulture, $"- {Label(phase)}: {string.Join("; ", phase.Lost)}");
                foreach (string error in phase.Workers.SelectMany(w => w.Errors.Select(e => $"{w.Host}: {e}")))
                {
                    notes.AppendLine(CultureInfo.InvariantCulture, $"  - logged: {error}");
                }
            }

            notes.AppendLine();
        }

        int rows = demo.Training.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        string byName = string.Join("; ", shared.Workers.Select(w =>
            $"{w.Host}: " + string.Join(", ", w.ActivitiesByName.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))));
        notes.Append(CultureInfo.InvariantCulture, $"""
            Each phase is {Runs} pipeline runs of the demo dataset (the bundled breast cancer sample: {rows} rows, 30 numeric
            features, its own spec: FastTree 100 trees, 20 leaves, one candidate, auto deployment), each under its own model name, kept N at a
            time in flight: a new upload as soon as a run ends (1 concurrent is 16 runs one after another; 16 is all uploaded at once). Runs per
            minute is runs ended ÷ (first upload's start → last run's end); latency is each upload's end → its production alias's time; p95 is
            the nearest rank (of 16 runs, the 16th). Each phase is fresh hosts (the local host's defaults: blob watcher polling every 1 s, durable
            queue polling backing off to 250 ms, the Azure Storage backend's defaults of 4 control-queue partitions and 10 concurrent
            activities per host) with their own storage prefix and task hub on one shared Azurite (in memory, at nice 10, as the local
            host starts it; the model and cost monitor timers off), after one untimed run that compiled the code ({F(warmUp.Percentile(0.5))} s upload → production). A run's
            "waiting" is its wall time (run record created → ended) less its steps' own durations: time in the durable queues, in the
            dispatchers and in orchestrator episodes. Two hosts: two local hosts in this process (Host:WorkerName host-a and host-b) on one
            task hub and storage prefix, both watching the datasets container, measured after the second host took its share of the
            partition leases; orchestrations run on the host holding their partition's lease, activities on whichever host dequeues them
            first. Activities and episodes are counted from each host's Durable Task worker log (requests received); by name: {byName}.
            Both hosts share the same 2 cores, so the two-host figure says how the work splits and that no run is lost or run twice, not
            what a second machine adds. The machine's 2 cores were shared with other engineers' builds and tests while this ran
            ("other processes" above; 1-minute load average {load}), so the figures are this machine on this day, not a capacity.
            """);
        return new BenchmarkReport(
            "Scale: pipeline throughput with 1, 4 and 16 concurrent runs on one host and 16 on two hosts sharing a task hub (local host, Azurite)",
            figures,
            notes.ToString());
    }

    private static async Task<ScalePhase> RunPhaseAsync(
        BenchmarkContext context, string connectionString, DemoDataset demo, string prefix, int runs, int concurrency, int hosts, CancellationToken cancellationToken)
    {
        string taskHub = "hub" + prefix;
        WorkerLogCounter[] workers = [.. Enumerable.Range(0, hosts).Select(i => new WorkerLogCounter($"host-{(char)('a' + i)}"))];
        string label = Label(hosts, concurrency);
        var runtimes = new List<LocalRuntime>();
        try
        {
            foreach (WorkerLogCounter worker in workers)
            {
                context.Progress($"{label}: starting {worker.Host}");
                runtimes.Add(await ServingBenchmark.StartAsync(null, cancellationToken, new Dictionary<string, string?>
                {
                    ["Storage:ConnectionString"] = connectionString,
                    ["Storage:Prefix"] = prefix,
                    ["Host:TaskHub"] = taskHub,
                    ["Host:WorkerName"] = worker.Host,
                    // The hourly model monitors and the daily cost monitor would add orchestrations of their own to a
                    // phase that crosses their time; the phases measure pipeline runs alone.
                    ["AzureWebJobs.MonitorModels.Disabled"] = "true",
                    ["AzureWebJobs.MonitorCost.Disabled"] = "true",
                }, worker.AddTo));
            }

            if (hosts > 1)
            {
                await WaitForLeasesSpreadAsync(context, label, connectionString, taskHub, workers, cancellationToken);
            }

            IServiceProvider services = runtimes[0].Services;
            var storage = services.GetRequiredService<MlOpsStorage>();
            await storage.EnsureCreatedAsync(cancellationToken);
            BlobContainerClient datasets = storage.Container(storage.Layout.Datasets);
            string[] models = [.. Enumerable.Range(0, runs).Select(i => string.Create(CultureInfo.InvariantCulture, $"m{i:D2}"))];
            foreach (string model in models)
            {
                await datasets.GetBlobClient($"{model}/pipeline.json").UploadAsync(BinaryData.FromString(demo.Spec), cancellationToken);
            }

            var runStore = services.GetRequiredService<RunStore>();
            TableClient runTable = storage.Table(storage.Layout.Runs);
            var uploaded = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var ended = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
            var waiting = new Queue<string>(models);
            CpuSnapshot cpuBefore = ProcessCpu.Now();
            DateTimeOffset phaseStart = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            TimeSpan nextProgress = ProgressInterval;
            context.Progress($"{label}: {runs} runs, {concurrency} at a time");
            while (ended.Count < runs && clock.Elapsed < PhaseTimeout)
            {
                var next = new List<string>();
                while (uploaded.Count + next.Count - ended.Count < concurrency && waiting.Count > 0)
                {
                    next.Add(waiting.Dequeue());
                }

                DateTimeOffset[] ends = await Task.WhenAll(next.Select(async model =>
                {
                    await datasets.GetBlobClient($"{model}/data.csv").UploadAsync(BinaryData.FromString(demo.Training), cancellationToken);
                    return DateTimeOffset.UtcNow;
                }));
                for (int i = 0; i < next.Count; i++)
                {
                    uploaded[next[i]] = ends[i];
                }

                await Task.Delay(PollInterval, cancellationToken);
                foreach (string model in await EndedModelsAsync(runTable, cancellationToken))
                {
                    if (!ended.ContainsKey(model) && (await runStore.ListAsync(model, cancellationToken: cancellationToken)).FirstOrDefault() is { } run && run.Status.IsTerminal())
                    {
                        ended[model] = run;
                    }
                }

                if (clock.Elapsed >= nextProgress)
                {
                    nextProgress += ProgressInterval;
                    int succeeded = ended.Values.Count(r => r.Status == RunStatus.Succeeded);
                    context.Progress(string.Create(CultureInfo.InvariantCulture,
                        $"{label}: {ended.Count}/{runs} ended ({succeeded} succeeded), {uploaded.Count - ended.Count} in flight, {clock.Elapsed.TotalSeconds:F0} s"));
                }
            }

            (double self, double children, _, double others) = ProcessCpu.Now().CoresSince(cpuBefore, clock.Elapsed.TotalSeconds);
            var shape = new ScalePhase
            {
                Hosts = hosts,
                Concurrency = concurrency,
                Runs = runs,
                Cores = (self, children, others),
                Workers = workers,
                Leases = hosts > 1 ? await TaskHubLeases.OwnersAsync(connectionString, taskHub, cancellationToken) : new Dictionary<string, int>(),
            };
            ScalePhase phase = await MeasureAsync(services, shape, models, uploaded, ended, phaseStart, cancellationToken);
            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {phase.Deployed}/{runs} deployed, {phase.RunsPerMinute:F1} runs/min, p50 {phase.Percentile(0.5):F2} s, p95 {phase.Percentile(0.95):F2} s{(phase.Lost.Count > 0 ? $"; LOST {phase.Lost.Count}: {string.Join("; ", phase.Lost)}" : string.Empty)}"));
            return phase;
        }
        finally
        {
            foreach (LocalRuntime runtime in runtimes)
            {
                await runtime.DisposeAsync();
            }
        }
    }

    /// <summary>Checks every run (Succeeded, its version in production) and gathers its timings; what failed the check is listed with why.</summary>
    private static async Task<ScalePhase> MeasureAsync(
        IServiceProvider services, ScalePhase shape, string[] models, Dictionary<string, DateTimeOffset> uploaded, Dictionary<string, RunRecord> ended,
        DateTimeOffset phaseStart, CancellationToken cancellationToken)
    {
        var runStore = services.GetRequiredService<RunStore>();
        var registry = services.GetRequiredService<ModelRegistry>();
        var lost = new List<string>();
        var latencies = new List<double>();
        var toStart = new List<double>();
        var steps = new List<double>();
        var train = new List<double>();
        var waiting = new List<double>();
        foreach (string model in models)
        {
            if (!uploaded.TryGetValue(model, out DateTimeOffset uploadedAt))
            {
                lost.Add($"{model} never uploaded: the phase ran out of time first");
                continue;
            }

            if (!ended.TryGetValue(model, out RunRecord? run))
            {
                RunRecord? late = (await runStore.ListAsync(model, cancellationToken: cancellationToken)).FirstOrDefault();
                lost.Add(late is null ? $"{model}: no run started" : string.Create(CultureInfo.InvariantCulture, $"{model}: run {late.RunId} still {late.Status} after {PhaseTimeout.TotalMinutes} min"));
                continue;
            }

            AliasRecord? production = await registry.GetAliasAsync(model, ModelRegistry.Production, cancellationToken);
            if (run.Status != RunStatus.Succeeded || production is null || production.Version != run.ModelVersion)
            {
                lost.Add($"{model}: run {run.RunId} ended {run.Status} ({run.Reason}), production {(production is null ? "none" : $"v{production.Version}")}, run's version {run.ModelVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
                continue;
            }

            IReadOnlyList<RunStepRecord> runSteps = await runStore.GetStepsAsync(run.RunId, cancellationToken);
            double own = runSteps.Sum(s => s.DurationMs ?? 0) / 1000;
            latencies.Add((production.UpdatedAt - uploadedAt).TotalSeconds);
            toStart.Add((run.StartedAt - uploadedAt).TotalSeconds);
            steps.Add(own);
            train.Add(runSteps.Where(s => s.Name == "train").Sum(s => s.DurationMs ?? 0) / 1000);
            waiting.Add(((run.EndedAt ?? run.StartedAt) - run.StartedAt).TotalSeconds - own);
        }

        DateTimeOffset lastEnd = ended.Values.Select(r => r.EndedAt ?? r.StartedAt).DefaultIfEmpty(phaseStart).Max();
        latencies.Sort();
        return shape with
        {
            Deployed = latencies.Count,
            Lost = lost,
            WallSeconds = (lastEnd - phaseStart).TotalSeconds,
            Latencies = latencies,
            MedianToStart = CostBenchmark.Median(toStart),
            MedianSteps = CostBenchmark.Median(steps),
            MedianTrain = CostBenchmark.Median(train),
            MedianWaiting = CostBenchmark.Median(waiting),
        };
    }

    /// <summary>Models whose run record is in a terminal state: one query over the phase's runs table, reading only the status column.</summary>
    private static async Task<List<string>> EndedModelsAsync(TableClient runs, CancellationToken cancellationToken)
    {
        var models = new List<string>();
        try
        {
            await foreach (TableEntity entity in runs.QueryAsync<TableEntity>(select: ["PartitionKey", "Status"], cancellationToken: cancellationToken))
            {
                if (Enum.TryParse(entity.GetString("Status"), out RunStatus status) && status.IsTerminal())
                {
                    models.Add(entity.PartitionKey);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No run recorded yet.
        }

        return models;
    }

    /// <summary>
    /// Waits until every host holds at least one of the task hub's partition leases: the second host starts with none, and
    /// takes its share from the first over a few lease intervals. A timeout is reported, not thrown: the phase still runs.
    /// </summary>
    private static async Task WaitForLeasesSpreadAsync(
        BenchmarkContext context, string label, string connectionString, string taskHub, WorkerLogCounter[] workers, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan nextProgress = ProgressInterval;
        while (true)
        {
            IReadOnlyDictionary<string, int> leases = await TaskHubLeases.OwnersAsync(connectionString, taskHub, cancellationToken);
            string owners = string.Join(", ", leases.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
            if (workers.All(w => leases.GetValueOrDefault(w.Host) > 0))
            {
                context.Progress(string.Create(CultureInfo.InvariantCulture, $"{label}: partition leases spread after {clock.Elapsed.TotalSeconds:F0} s ({owners})"));
                return;
            }

            if (clock.Elapsed > LeaseSpreadTimeout)
            {
                context.Progress(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: partition leases not spread after {clock.Elapsed.TotalSeconds:F0} s ({(owners.Length == 0 ? "none read" : owners)}); measuring anyway"));
                return;
            }

            if (clock.Elapsed >= nextProgress)
            {
                nextProgress += ProgressInterval;
                context.Progress($"{label}: waiting for the partition leases to spread ({(owners.Length == 0 ? "none held yet" : owners)})");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }


    private static string Split(IEnumerable<(string Host, int Count)> counts, int total) =>
        string.Join(" / ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Host} {c.Count} ({(total == 0 ? 0 : 100.0 * c.Count / total):F0} %)")));

    private static string Label(ScalePhase phase) => Label(phase.Hosts, phase.Concurrency);

    private static string Label(int hosts, int concurrency) =>
        string.Create(CultureInfo.InvariantCulture, $"{hosts} host{(hosts > 1 ? "s" : string.Empty)}, {concurrency} concurrent");

    private static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}
