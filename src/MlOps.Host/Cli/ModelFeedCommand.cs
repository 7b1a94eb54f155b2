using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// `mlops history|alerts|monitors|drift|decay &lt;model&gt;`: one of a model's records, newest first, as a table. The
/// command name is the route under the model, so each feed the API grows is one line in <see cref="CliApp"/> (and,
/// if its first fields are not the ones worth reading, a line in <see cref="Columns"/>).
/// </summary>
public sealed class ModelFeedCommand(CliSession session) : ApiCommand<ModelSettings>(session)
{
    /// <summary>The columns of each feed's table; a feed not listed shows its records' first fields.</summary>
    private static readonly Dictionary<string, string[]> Columns = new(StringComparer.Ordinal)
    {
        ["history"] = ["at", "alias", "fromVersion", "toVersion", "by", "reason", "outcome", "runId"],
        ["alerts"] = ["at", "kind", "severity", "message", "runId"],
        ["monitors"] = ["monitorId", "startedAt", "endedAt", "version", "drifted", "decayed", "retrainDecision", "retrainRunId"],
        ["drift"] = ["window.id", "version", "rows", "columnsDrifted", "columnsCompared", "datasetDrifted", "predictionDrifted", "mostDrifted"],
        ["decay"] = ["window.id", "version", "metric", "live", "test", "drop", "verdict", "reason"],
    };

    protected override async Task<CommandOutput> RunAsync(CommandContext context, ModelSettings settings, ApiClient api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CommandOutput.Table(await api.GetAsync(settings.ModelPath(context.Name), cancellationToken), Columns.GetValueOrDefault(context.Name, []));
    }
}
