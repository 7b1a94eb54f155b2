using System.Text.Json;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops recommendations &lt;model&gt;`: ways to spend less on a model, largest monthly saving first.</summary>
public sealed class RecommendationsCommand(CliSession session) : ApiCommand<ModelSettings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, ModelSettings settings, ApiClient api, CancellationToken cancellationToken)
    {
        JsonElement answer = await api.GetAsync(settings.ModelPath("recommendations"), cancellationToken);
        return new CommandOutput(answer, JsonView.Table(answer.GetProperty("recommendations"), "kind", "title", "monthlySaving", "currency"));
    }
}
