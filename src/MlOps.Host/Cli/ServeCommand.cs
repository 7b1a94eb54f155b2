using System.ComponentModel;
using MlOps.Host.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops serve`: the local runtime until Ctrl+C; it records itself in the discovery file for the CLI.</summary>
public sealed class ServeCommand(CliSession session) : AsyncCommand<ServeCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var overrides = new Dictionary<string, string?>();
        if (settings.ConnectionString is not null)
        {
            overrides["Storage:ConnectionString"] = settings.ConnectionString;
        }

        if (settings.ApiUrl is not null)
        {
            overrides["Host:ApiUrl"] = settings.ApiUrl;
        }

        await using LocalRuntime runtime = await LocalRuntime.StartAsync(HostConfiguration.Build(overrides), cancellationToken: cancellationToken);
        IAnsiConsole console = session.Output.Console;
        console.MarkupLineInterpolated($"[bold]mlops[/] serving on [link]{runtime.ApiBaseUrl}[/]; API key in {ApiKeyProvider.DefaultKeyFile} (or Host:ApiKey). Ctrl+C stops.");
        if (runtime.DiscoveryFile is not null)
        {
            console.MarkupLineInterpolated($"The CLI finds this host through {runtime.DiscoveryFile} (removed when it stops).");
        }

        await runtime.WaitForShutdownAsync(cancellationToken);
        return CliExitCodes.Success;
    }

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--connection-string <CS>")]
        [Description("Storage connection string; without one an embedded Azurite is started (data in .azurite/).")]
        public string? ConnectionString { get; init; }

        [CommandOption("--api-url <URL>")]
        [Description("Where the API listens (default http://127.0.0.1:7071; port 0 takes a free port).")]
        public string? ApiUrl { get; init; }
    }
}
