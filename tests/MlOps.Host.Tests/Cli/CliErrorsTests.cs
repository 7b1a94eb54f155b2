using System.Net;
using System.Net.Sockets;
using MlOps.Host.Cli;
using MlOps.Host.Runtime;
using MlOps.Host.Tests.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Cli;

/// <summary>
/// The real program, run as a child process as a script would: every error is one line on stderr with a hint and a
/// documented exit code, never a stack trace.
/// </summary>
public sealed class CliErrorsTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public CliErrorsTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Main_UnknownCommand_ExitsWithUsageCodeAndOneLine()
    {
        CliRun run = await MlOpsProcess.RunAsync(null, "bogus");

        AssertOneLineError(run, CliExitCodes.Usage, "mlops: Unknown command 'bogus'; `mlops --help` lists the commands");
    }

    [Fact]
    public async Task Main_MissingArgument_ExitsWithUsageCodeAndOneLine()
    {
        CliRun run = await MlOpsProcess.RunAsync(null, "run");

        AssertOneLineError(run, CliExitCodes.Usage, "mlops: Command 'run' is missing required argument 'runId'");
    }

    [Fact]
    public async Task Main_InvalidArgumentValue_ExitsWithUsageCode()
    {
        CliRun run = await MlOpsProcess.RunAsync(null, "compare", "bc", "one", "2");

        AssertOneLineError(run, CliExitCodes.Usage, "mlops: Failed to convert 'one' to Int32");
    }

    [Fact]
    public async Task Main_Version_PrintsTheVersionAndExitsZero()
    {
        CliRun run = await MlOpsProcess.RunAsync(null, "--version");

        Assert.True(run.ExitCode == CliExitCodes.Success, run.ToString());
        Assert.Equal(CliVersion.Text, run.Output.Trim());
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task Main_NoHostOnClosedLoopbackPort_ExitsUnreachableWithServeHint()
    {
        int port = ClosedLoopbackPort();

        CliRun run = await MlOpsProcess.RunAsync(null, "models", "--api-url", $"http://127.0.0.1:{port}");

        AssertOneLineError(run, CliExitCodes.Unreachable, $"mlops: no host answers at http://127.0.0.1:{port} (--api-url)");
        Assert.Contains("start it with `mlops serve`", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_NoHostAtTheDefaultAddress_NamesTheDiscoveryFileItLookedFor()
    {
        int port = ClosedLoopbackPort();

        CliRun run = await MlOpsProcess.RunAsync(new Dictionary<string, string> { [CliEnvironment.ApiUrlVariable] = $"http://127.0.0.1:{port}" }, "runs", "bc");

        AssertOneLineError(run, CliExitCodes.Unreachable, $"mlops: no host answers at http://127.0.0.1:{port} ({CliEnvironment.ApiUrlVariable})");
    }

    [Fact]
    public async Task Main_DebugVariable_AddsTheStackTraceAfterTheLine()
    {
        int port = ClosedLoopbackPort();

        CliRun run = await MlOpsProcess.RunAsync(new Dictionary<string, string> { [CliEnvironment.DebugVariable] = "1" }, "models", "--api-url", $"http://127.0.0.1:{port}");

        Assert.True(run.ExitCode == CliExitCodes.Unreachable, run.ToString());
        Assert.StartsWith("mlops: no host answers at", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("HttpRequestException", run.Errors, StringComparison.Ordinal);
        Assert.Contains("   at ", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_ApiRefuses_ExitsWithApiErrorAndShowsTheProblemDetail()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false" });

        CliRun run = await MlOpsProcess.RunAsync(null, "run", "bc.0123456789abcdef", "--api-url", runtime.ApiBaseUrl);

        AssertOneLineError(run, CliExitCodes.ApiError, "mlops: HTTP 404 Not Found: No run 'bc.0123456789abcdef'; check the name or id");
    }

    [Fact]
    public async Task Main_StateChangeWithoutKey_ExitsWithApiErrorAndKeyHint()
    {
        await using LocalRuntime runtime = await IsolatedRuntime.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Host:WatchBlobs"] = "false" });

        CliRun run = await MlOpsProcess.RunAsync(null, "rollback", "bc", "--api-url", runtime.ApiBaseUrl);

        AssertOneLineError(run, CliExitCodes.ApiError, "mlops: HTTP 401 Unauthorized: This call needs a key");
        Assert.Contains("--api-key or MLOPS_API_KEY", run.Errors, StringComparison.Ordinal);
    }

    private static void AssertOneLineError(CliRun run, int exitCode, string startsWith)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(startsWith, line, StringComparison.Ordinal);
        Assert.Contains("; ", line, StringComparison.Ordinal); // the hint follows the message
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.Empty(run.Output.Trim());
    }

    /// <summary>A loopback port nothing listens on: taken from the system, then released.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
