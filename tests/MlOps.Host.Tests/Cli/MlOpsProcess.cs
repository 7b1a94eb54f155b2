using System.Diagnostics;
using MlOps.Testing;

namespace MlOps.Host.Tests.Cli;

/// <summary>
/// Runs the real `mlops` program (the build's mlops.dll beside the tests) as a child process with redirected streams,
/// as a script or a pipe would, with HOME in a fresh folder and no MLOPS_ variables but the test's. Bounded in time;
/// only the child it started is stopped.
/// </summary>
public static class MlOpsProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<CliRun> RunAsync(IDictionary<string, string>? variables, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlops.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MLOPS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        string home = Path.Combine(Path.GetTempPath(), UniqueName.For("mlops-home"));
        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        foreach ((string name, string value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mlops {string.Join(' ', args)} did not exit within {Limit}.");
        }

        return new CliRun(process.ExitCode, await output, await errors);
    }
}
