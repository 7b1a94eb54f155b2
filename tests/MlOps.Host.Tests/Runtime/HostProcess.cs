using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// `mlops serve` as a child process of the test (the program built beside the tests), on its own storage prefix, task
/// hub and loopback port, so that a test can kill it as a crash would (SIGKILL, by its PID) and start it again on the
/// same state. Its log lines are kept, stamped as they arrive, to explain a failure.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private HostProcess(Process process, string apiBaseUrl, DateTimeOffset startedAt, ConcurrentQueue<string> output)
    {
        _process = process;
        ApiBaseUrl = apiBaseUrl;
        StartedAt = startedAt;
        _output = output;
    }

    public int Id => _process.Id;

    public string ApiBaseUrl { get; }

    /// <summary>When the process was spawned.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <param name="output">Receives every line the host writes (shared across restarts, so one log tells the whole story).</param>
    /// <param name="settings">More environment variables for the host (MLOPS_Section__Key for its settings).</param>
    public static HostProcess Start(string connectionString, string prefix, int apiPort, ConcurrentQueue<string> output, IReadOnlyDictionary<string, string>? settings = null)
    {
        string apiBaseUrl = $"http://127.0.0.1:{apiPort.ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(), // no appsettings.json of the repository's picked up
            Environment =
            {
                ["MLOPS_Storage__Prefix"] = prefix,
                ["MLOPS_Host__TaskHub"] = "hub" + prefix,
                ["MLOPS_Host__ApiKey"] = "test-key",
                ["MLOPS_Host__DiscoveryFile"] = string.Empty, // never the user's ~/.mlops/host.json
                ["MLOPS_Host__QueuePollingInterval"] = "00:00:00.100",
                ["MLOPS_Host__WatcherPollInterval"] = "00:00:00.200",
                ["MLOPS_AzureWebJobs__MonitorModels__Disabled"] = "true",
            },
        };
        foreach ((string name, string value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "mlops.dll"), "serve", "--connection-string", connectionString, "--api-url", apiBaseUrl })
        {
            start.ArgumentList.Add(argument);
        }

        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet mlops.dll serve.");
        string pid = process.Id.ToString(CultureInfo.InvariantCulture);
        output.Enqueue($"{startedAt:HH:mm:ss.fff} [test] started host pid {pid}");
        process.OutputDataReceived += (_, e) => Keep(output, pid, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, pid, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostProcess(process, apiBaseUrl, startedAt, output);
    }

    /// <summary>Waits until the API answers its liveness probe.</summary>
    public async Task WaitUntilServingAsync(HttpClient http, TimeSpan timeout)
    {
        await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it served:\n{string.Join('\n', _output)}");
            }

            try
            {
                return (await http.GetAsync(new Uri(ApiBaseUrl + "/api/health"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"host pid {Id} to serve on {ApiBaseUrl}", timeout);
    }

    /// <summary>Kills the host as a crash would: SIGKILL, no shutdown code runs. Returns once it is gone.</summary>
    public async Task KillAsync()
    {
        _output.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} [test] killing host pid {Id}");
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> output, string pid, string? line)
    {
        if (line is not null)
        {
            output.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} [{pid}] {line}");
        }
    }
}
