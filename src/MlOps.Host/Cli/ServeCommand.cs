using System.ComponentModel;
using MlOps.Host.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops serve`: the local runtime until Ctrl+C.</summary>
public sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
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
        AnsiConsole.MarkupLineInterpolated($"[bold]mlops[/] serving on [link]{runtime.ApiBaseUrl}[/]; API key in {ApiKeyProvider.DefaultKeyFile} (or Host:ApiKey). Ctrl+C stops.");
        await runtime.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--connection-string <CS>")]
        [Description("Storage connection string; without one an embedded Azurite is started (data in .azurite/).")]
        public string? ConnectionString { get; init; }

        [CommandOption("--api-url <URL>")]
        [Description("Where the API listens (default http://127.0.0.1:7071).")]
        public string? ApiUrl { get; init; }
    }
}
