using System.Diagnostics;

namespace MlOps.Bench;

/// <summary>Shared facilities for benchmarks: a scratch folder, the peers (Python and Node), and progress output.</summary>
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

    /// <summary>Debian's Python, where scikit-learn, scipy, pandas, XGBoost, FastAPI and uvicorn come from python3-* packages.</summary>
    public string PeerPython { get; init; } = "/usr/bin/python3";

    /// <summary>Node for the npm peers (polars, DuckDB), which live in bench/peers/node_modules.</summary>
    public string PeerNode { get; init; } = "node";

    public void Progress(string message) => Console.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>
    /// Starts a peer script: Python for .py, Node for .mjs. A missing interpreter or npm install fails here with the
    /// command that installs it (bench/README.md lists them all).
    /// </summary>
    public Process StartPeer(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        bool node = script.EndsWith(".mjs", StringComparison.Ordinal);
        if (node && !Directory.Exists(Path.Combine(PeersDirectory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The npm peers are not installed: run `npm ci --prefix {PeersDirectory}` (polars and DuckDB, pinned in bench/peers/package-lock.json).");
        }

        var startInfo = new ProcessStartInfo(node ? PeerNode : PeerPython)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = PeersDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(PeersDirectory, script));
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        try
        {
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"{startInfo.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            string install = node ? "apt-get install -y nodejs npm" : "apt-get install -y python3";
            throw new InvalidOperationException($"{startInfo.FileName} is not installed ({ex.Message}): {install}, then see bench/README.md.", ex);
        }
    }

    /// <summary>Runs a peer script and returns its last stdout line (a JSON object by convention).</summary>
    public async Task<string> RunPeerAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using Process process = StartPeer(script, arguments);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        string output = await stdout;
        if (process.ExitCode != 0)
        {
            string error = await stderr;
            string hint = error.Contains("ModuleNotFoundError", StringComparison.Ordinal) || error.Contains("Cannot find module", StringComparison.Ordinal)
                ? " A peer package is missing: bench/README.md says how to install the peers."
                : string.Empty;
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}):{hint} {error}");
        }

        return output.TrimEnd().Split('\n')[^1];
    }
}
