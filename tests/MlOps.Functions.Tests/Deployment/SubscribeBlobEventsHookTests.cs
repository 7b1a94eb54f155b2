using MlOps.Testing;

namespace MlOps.Functions.Tests.Deployment;

/// <summary>
/// The azd postdeploy hook (bicep/hooks/subscribe-blob-events.sh) against stand-ins for az and curl that record every
/// call and answer as az does: it waits for the host's key before subscribing, retries a subscription that fails, gives
/// up with a clear message, and a second run redeploys the same subscriptions.
/// </summary>
public sealed class SubscribeBlobEventsHookTests : IDisposable
{
    private static readonly string Hook = Path.Combine(BuildOutput.RepositoryRoot, "bicep", "hooks", "subscribe-blob-events.sh");
    private static readonly string Template = Path.Combine(BuildOutput.RepositoryRoot, "bicep", "blob-subscriptions.bicep");

    private readonly string _root = Directory.CreateTempSubdirectory("mlops-hook-").FullName;

    private string State => Path.Combine(_root, "state");

    [Fact]
    public async Task Hook_KeyAppearsOnThirdRead_WaitsThenSubscribesOnce()
    {
        HookRun run = await RunAsync(keyAnswers: ["fail", "empty"]);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(3, run.Calls.Count(IsKeyRead));
        Assert.Single(run.Calls, IsDeployment);
        Assert.True(run.Calls.FindLastIndex(IsKeyRead) < run.Calls.FindIndex(IsDeployment), string.Join('\n', run.Calls));
        Assert.Equal(2, run.Calls.Count(c => c.StartsWith("curl ", StringComparison.Ordinal) && c.EndsWith("http://127.0.0.1:9/api/health", StringComparison.Ordinal)));
        string deployment = run.Calls.Single(IsDeployment);
        foreach (string argument in new[]
        {
            "--resource-group rg-test", "--name blob-subscriptions", $"--template-file {Template}", "functionAppName=func-test", "topicName=evgt-test",
            "storageAccountName=sttest", "datasetsContainerName=datasets", "scoringContainerName=scoring", "deadLetterContainerName=deadletter",
        })
        {
            Assert.Contains(argument, deployment, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("stand-in-blobs-extension-key-value", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_RunTwice_SecondRunRedeploysTheSameSubscriptionsInPlace()
    {
        HookRun first = await RunAsync();
        HookRun second = await RunAsync();

        Assert.True(second.ExitCode == 0, second.StandardError);
        List<string> secondCalls = second.Calls.Skip(first.Calls.Count).ToList();
        Assert.Equal(["az functionapp keys list", "az deployment group create"], secondCalls.Select(c => string.Join(' ', c.Split(' ').Take(4))));
        Assert.Equal(first.Calls.Single(IsDeployment), secondCalls.Single(IsDeployment));
        Assert.Equal(["blob-subscriptions"], Directory.GetFiles(Path.Combine(State, "deployments")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Hook_SubscribingFailsWhileTheAppIsCold_RetriesTheDeployment()
    {
        HookRun run = await RunAsync(deployAnswers: ["fail", "fail"]);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(3, run.Calls.Count(IsDeployment));
        Assert.Contains("subscribing failed (attempt 2 of 5)", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_KeyNeverAppears_FailsWithoutSubscribing()
    {
        HookRun run = await RunAsync(keyAnswers: [.. Enumerable.Repeat("empty", 10)]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(5, run.Calls.Count(IsKeyRead));
        Assert.DoesNotContain(run.Calls, IsDeployment);
        Assert.Contains("blobs_extension key did not appear after 5 attempts", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_OutsideAzd_FailsNamingTheMissingVariable()
    {
        HookRun run = await RunAsync(without: "EVENTGRID_SYSTEM_TOPIC_NAME");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("EVENTGRID_SYSTEM_TOPIC_NAME is not set", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.Calls);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static bool IsKeyRead(string call) => call.StartsWith("az functionapp keys list ", StringComparison.Ordinal);

    private static bool IsDeployment(string call) => call.StartsWith("az deployment group create ", StringComparison.Ordinal);

    private async Task<HookRun> RunAsync(string[]? keyAnswers = null, string[]? deployAnswers = null, string? without = null)
    {
        string bin = Path.Combine(_root, "bin");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(State);
        foreach (string tool in new[] { "az", "curl" })
        {
            string target = Path.Combine(bin, tool);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Deployment", "StandIn", tool), target, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute);
            }
        }

        await File.WriteAllLinesAsync(Path.Combine(State, "key-answers"), keyAnswers ?? []);
        await File.WriteAllLinesAsync(Path.Combine(State, "deploy-answers"), deployAnswers ?? []);
        string calls = Path.Combine(State, "calls");
        if (!File.Exists(calls))
        {
            await File.WriteAllTextAsync(calls, string.Empty);
        }

        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["STANDIN_STATE"] = State,
            ["MLOPS_HOOK_ATTEMPTS"] = "5",
            ["MLOPS_HOOK_DELAY_SECONDS"] = "0",

            // What azd puts in the hook's environment from main.bicep's outputs.
            ["AZURE_RESOURCE_GROUP"] = "rg-test",
            ["AZURE_FUNCTION_APP_NAME"] = "func-test",
            ["EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgt-test",
            ["AZURE_STORAGE_ACCOUNT_NAME"] = "sttest",
            ["DATASETS_CONTAINER_NAME"] = "datasets",
            ["SCORING_CONTAINER_NAME"] = "scoring",
            ["DEADLETTER_CONTAINER_NAME"] = "deadletter",
            ["FUNCTIONS_API_URI"] = "http://127.0.0.1:9/api", // loopback even if a real curl ran
        };
        if (without is not null)
        {
            environment[without] = null;
        }

        ChildProcessResult run = await ChildProcess.RunAsync("bash", [Hook], environment, TimeSpan.FromMinutes(1));
        return new HookRun(run.ExitCode, run.StandardOutput, run.StandardError, [.. await File.ReadAllLinesAsync(calls)]);
    }

    private sealed record HookRun(int ExitCode, string StandardOutput, string StandardError, List<string> Calls);
}
