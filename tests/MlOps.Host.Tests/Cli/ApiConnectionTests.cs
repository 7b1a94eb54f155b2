using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using MlOps.Host.Cli;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Cli;

/// <summary>Which API the CLI calls and with which keys: flags, then MLOPS_ variables, then the running host, then the default.</summary>
public sealed class ApiConnectionTests
{
    [Fact]
    public void Resolve_FlagVariableAndRunningHost_FlagWins()
    {
        var cli = new CliHarness(variables: new Dictionary<string, string?> { [CliEnvironment.ApiUrlVariable] = "http://127.0.0.1:2" });
        WriteRunningHost(cli.HostFile, "http://127.0.0.1:3", "host-key");

        ApiConnection connection = ApiConnection.Resolve(new ApiSettings { ApiUrl = "http://127.0.0.1:1" }, cli.Environment);

        Assert.Equal("http://127.0.0.1:1/", connection.BaseUrl.ToString());
        Assert.Equal("--api-url", connection.Source);
        Assert.Null(connection.ApiKey); // the running host's key is for the running host only
        File.Delete(cli.HostFile);
    }

    [Fact]
    public void Resolve_VariableAndRunningHost_VariableWins()
    {
        var cli = new CliHarness(variables: new Dictionary<string, string?> { [CliEnvironment.ApiUrlVariable] = "http://127.0.0.1:2", [CliEnvironment.FunctionKeyVariable] = "fk" });
        WriteRunningHost(cli.HostFile, "http://127.0.0.1:3", "host-key");

        ApiConnection connection = ApiConnection.Resolve(new ApiSettings(), cli.Environment);

        Assert.Equal("http://127.0.0.1:2/", connection.BaseUrl.ToString());
        Assert.Equal("fk", connection.FunctionKey);
        File.Delete(cli.HostFile);
    }

    [Fact]
    public void Resolve_RunningHostOnly_UsesItsAddressAndKey()
    {
        var cli = new CliHarness();
        WriteRunningHost(cli.HostFile, "http://127.0.0.1:3", "host-key");

        ApiConnection connection = ApiConnection.Resolve(new ApiSettings(), cli.Environment);

        Assert.Equal("http://127.0.0.1:3/", connection.BaseUrl.ToString());
        Assert.Equal("host-key", connection.ApiKey);
        Assert.Contains(cli.HostFile, connection.Source, StringComparison.Ordinal);
        File.Delete(cli.HostFile);
    }

    [Fact]
    public void Resolve_Nothing_DefaultAddressNamingTheFileItLookedFor()
    {
        var cli = new CliHarness();

        ApiConnection connection = ApiConnection.Resolve(new ApiSettings(), cli.Environment);

        Assert.Equal(ApiConnection.DefaultUrl + "/", connection.BaseUrl.ToString());
        Assert.Contains($"no running host is recorded in {cli.HostFile}", connection.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://func-abc.azurewebsites.net/api", "https://func-abc.azurewebsites.net/")]
    [InlineData("https://func-abc.azurewebsites.net/api/", "https://func-abc.azurewebsites.net/")]
    [InlineData("http://127.0.0.1:7071", "http://127.0.0.1:7071/")]
    [InlineData("https://gateway.example.com/mlops/", "https://gateway.example.com/mlops/")]
    public void BaseOf_AddressWithOrWithoutApi_IsTheRootOfTheApiPaths(string given, string expected)
    {
        Assert.Equal(expected, ApiConnection.BaseOf(given).ToString());
    }

    [Fact]
    public async Task Models_FunctionKeyAndApiKey_SentInTheirHeaders()
    {
        var seen = new List<(string? FunctionKey, string? ApiKey)>();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication app = builder.Build();
        app.MapGet("/api/models", (HttpRequest request) =>
        {
            lock (seen)
            {
                seen.Add((request.Headers[ApiClient.FunctionKeyHeader], request.Headers[ApiKeyProvider.HeaderName]));
            }

            return Results.Json(Array.Empty<object>());
        });
        await app.StartAsync();
        string url = app.Urls.First();
        var azure = new CliHarness(variables: new Dictionary<string, string?> { [CliEnvironment.ApiUrlVariable] = url, [CliEnvironment.FunctionKeyVariable] = "function-key-1" });

        CliRun fromVariables = await azure.RunAsync("models");
        CliRun fromFlags = await new CliHarness().RunAsync("models", "--api-url", url, "--function-key", "function-key-2", "--api-key", "local-key");

        Assert.True(fromVariables.ExitCode == 0, fromVariables.ToString());
        Assert.True(fromFlags.ExitCode == 0, fromFlags.ToString());
        Assert.Equal([("function-key-1", null), ("function-key-2", "local-key")], seen);
    }

    private static void WriteRunningHost(string path, string apiUrl, string apiKey)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        HostDiscovery.Write(path, new HostDiscoveryRecord
        {
            ProcessId = Environment.ProcessId, ProcessStartedAt = self.StartTime.ToUniversalTime(), ApiUrl = apiUrl, ApiKey = apiKey,
            BlobEndpoint = "http://127.0.0.1:1/devstoreaccount1", DatasetsContainer = "datasets",
        });
    }
}
