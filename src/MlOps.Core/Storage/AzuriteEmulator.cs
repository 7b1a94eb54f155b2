using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MlOps.Core.Storage;

/// <summary>
/// Runs the Azurite storage emulator pinned in infra/ as a child process: installs it with npm ci when missing,
/// waits until all three services accept connections, and stops it when disposed.
/// </summary>
public sealed class AzuriteEmulator : IAsyncDisposable
{
    private const int SigTerm = 15;

    /// <summary>The well-known development account key that Azurite documents; not a secret.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string DevelopmentAccountName = "devstoreaccount1";

    private readonly Process? _process;
    private readonly ILogger _logger;

    private AzuriteEmulator(Process? process, int blobPort, int queuePort, int tablePort, ILogger logger)
    {
        _process = process;
        _logger = logger;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>True when this instance started the process (false when it found one already listening).</summary>
    public bool OwnsProcess => _process is not null;

    /// <summary>The Azurite process this emulator started, if it did.</summary>
    public int? ProcessId => _process?.Id;

    public string ConnectionString => BuildConnectionString(BlobPort, QueuePort, TablePort);

    public static string BuildConnectionString(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevelopmentAccountName};";

    /// <summary>
    /// Uses an Azurite already listening on the configured ports, or starts one. Port 0 always starts a new one on free ports.
    /// </summary>
    public static async Task<AzuriteEmulator> StartAsync(AzuriteOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        bool fixedPorts = options.BlobPort != 0;
        int blobPort = fixedPorts ? options.BlobPort : FreePort();
        int queuePort = fixedPorts ? options.QueuePort : FreePort();
        int tablePort = fixedPorts ? options.TablePort : FreePort();

        if (fixedPorts && IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort))
        {
            logger.LogInformation("Using the Azurite already listening on ports {BlobPort}/{QueuePort}/{TablePort}", blobPort, queuePort, tablePort);
            return new AzuriteEmulator(null, blobPort, queuePort, tablePort, logger);
        }

        string infra = InfraLocator.Find(options.InfraDirectory);
        string entryPoint = Path.Combine(infra, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entryPoint))
        {
            await InstallAsync(infra, logger, cancellationToken).ConfigureAwait(false);
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = infra,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["MLOPS_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        string watchdog = Path.Combine(infra, "parent-watchdog.js");
        if (File.Exists(watchdog))
        {
            startInfo.ArgumentList.Add("--require");
            startInfo.ArgumentList.Add(watchdog);
        }

        foreach (string argument in new[]
        {
            entryPoint, "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (options.InMemory)
        {
            startInfo.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            string data = options.DataDirectory ?? Path.Combine(Path.GetDirectoryName(infra)!, ".azurite");
            Directory.CreateDirectory(data);
            startInfo.ArgumentList.Add("--location");
            startInfo.ArgumentList.Add(data);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        if (options.BelowNormalPriority)
        {
            LowerPriority(process, logger);
        }

        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var emulator = new AzuriteEmulator(process, blobPort, queuePort, tablePort, logger);
        var deadline = Stopwatch.StartNew();
        while (!(IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} before it listened on ports {blobPort}/{queuePort}/{tablePort}: {errors}");
            }

            if (deadline.Elapsed > options.StartTimeout)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException($"Azurite did not listen on ports {blobPort}/{queuePort}/{tablePort} within {options.StartTimeout}.");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Started Azurite (pid {Pid}) on ports {BlobPort}/{QueuePort}/{TablePort}", process.Id, blobPort, queuePort, tablePort);
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>
    /// Stops the Azurite this instance started. On Linux and macOS it is asked first (SIGTERM): Azurite then writes
    /// its metadata to disk, which it otherwise saves only every 5 s, so a kill would lose the last writes of an
    /// on-disk account. It is killed if it has not exited within <paramref name="grace"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (_process.HasExited)
            {
                return;
            }

            if (!OperatingSystem.IsWindows() && SendSignal(_process.Id, SigTerm) == 0)
            {
                try
                {
                    await _process.WaitForExitAsync().WaitAsync(grace).ConfigureAwait(false);
                    return;
                }
                catch (TimeoutException)
                {
                    _logger.LogWarning("Azurite (pid {Pid}) did not stop within {Grace} of SIGTERM; killing it", _process.Id, grace);
                }
            }

            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (TimeoutException ex)
        {
            _logger.LogWarning(ex, "Azurite (pid {Pid}) did not exit after kill", _process.Id);
        }
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, which nothing else here does.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);

    private static async Task InstallAsync(string infra, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogInformation("Installing Azurite with npm ci in {Infra}", infra);
        var startInfo = new ProcessStartInfo("npm")
        {
            WorkingDirectory = infra,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start npm; install Node.js 20.");
        Task<string> stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {infra} failed with exit code {npm.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Sets nice 10 on Azurite before it starts its worker threads (on Linux a priority is per thread and new threads
    /// inherit it); its JavaScript runs on the main thread, which this covers even if the threads already exist.
    /// </summary>
    private static void LowerPriority(Process process, ILogger logger)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.BelowNormal;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            logger.LogDebug(ex, "Could not lower Azurite's priority; it runs at normal priority");
        }
    }
}
