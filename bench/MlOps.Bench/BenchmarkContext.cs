namespace MlOps.Bench;

/// <summary>Shared facilities for benchmarks: a scratch folder, the peer Python, and progress output.</summary>
internal sealed class BenchmarkContext
{
    public BenchmarkContext(string workDirectory, string repositoryRoot)
    {
        WorkDirectory = workDirectory;
        RepositoryRoot = repositoryRoot;
        Directory.CreateDirectory(workDirectory);
    }

    public string WorkDirectory { get; }

    public string RepositoryRoot { get; }

    public string PeersDirectory => Path.Combine(RepositoryRoot, "bench", "peers");

    /// <summary>Debian's Python, where scikit-learn, scipy and pandas come from python3-sklearn/-scipy/-pandas.</summary>
    public string PeerPython { get; init; } = "/usr/bin/python3";

    public void Progress(string message) => Console.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>Runs a peer script and returns its last stdout line (a JSON object by convention).</summary>
    public async Task<string> RunPeerAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo(PeerPython)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(PeersDirectory, script));
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(startInfo)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        string output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await stderr}");
        }

        return output.TrimEnd().Split('\n')[^1];
    }
}
