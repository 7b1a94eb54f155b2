using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops runs &lt;model&gt;`: a model's runs, newest first, with their outcome.</summary>
public sealed class RunsCommand(CliSession session) : ApiCommand<ModelSettings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, ModelSettings settings, ApiClient api, CancellationToken cancellationToken) =>
        CommandOutput.Table(await api.GetAsync(settings.ModelPath("runs"), cancellationToken),
            "runId", "status", "trigger", "startedAt", "endedAt", "modelVersion", "datasetBlob", "reason");
}
