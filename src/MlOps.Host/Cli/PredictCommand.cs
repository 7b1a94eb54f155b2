using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using ValidationResult = Spectre.Console.ValidationResult;

namespace MlOps.Host.Cli;

/// <summary>`mlops predict &lt;model&gt; &lt;rows.json|-&gt;`: score JSON rows with production (or an alias or version).</summary>
public sealed class PredictCommand(CliSession session) : ApiCommand<PredictCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        string body = await CliFiles.ReadTextAsync(settings.File, cancellationToken);
        var parameters = new List<string>();
        if (settings.Version is int v)
        {
            parameters.Add($"version={v}");
        }
        else if (settings.Alias is not null)
        {
            parameters.Add($"alias={Uri.EscapeDataString(settings.Alias)}");
        }

        if (settings.Explain)
        {
            parameters.Add("explain=true");
            if (settings.ExplainTop is int top)
            {
                parameters.Add($"explainTop={top}");
            }
        }

        string query = parameters.Count == 0 ? string.Empty : "?" + string.Join('&', parameters);
        JsonElement answer = await api.PostAsync(settings.ModelPath("predict") + query, body, cancellationToken);
        JsonElement predictions = JsonView.Field(answer, "predictions");
        return new CommandOutput(answer, settings.Explain
            ? new Rows(JsonView.Document(answer, "predictions"), JsonView.Table(predictions, "label", "score", "probability"), JsonView.Table(Contributions(predictions)))
            : new Rows(JsonView.Document(answer, "predictions"), JsonView.Table(predictions)));
    }

    /// <summary>One line per row and term: its bias, each listed column's contribution, and the rest, which add up to its score.</summary>
    private static JsonElement Contributions(JsonElement predictions)
    {
        var lines = new List<Dictionary<string, object?>>();
        if (predictions.ValueKind != JsonValueKind.Array)
        {
            return JsonSerializer.SerializeToElement(lines);
        }

        int row = 0;
        foreach (JsonElement prediction in predictions.EnumerateArray())
        {
            if (prediction.TryGetProperty("explanation", out JsonElement explanation))
            {
                lines.Add(new() { ["row"] = row, ["term"] = "bias", ["contribution"] = explanation.GetProperty("bias").GetDouble() });
                foreach (JsonElement c in explanation.GetProperty("contributions").EnumerateArray())
                {
                    lines.Add(new() { ["row"] = row, ["term"] = c.GetProperty("column").GetString(), ["contribution"] = c.GetProperty("contribution").GetDouble() });
                }

                lines.Add(new() { ["row"] = row, ["term"] = "(rest)", ["contribution"] = explanation.GetProperty("rest").GetDouble() });
            }

            row++;
        }

        return JsonSerializer.SerializeToElement(lines);
    }

    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<file>")]
        [Description("A JSON array of row objects, or - for standard input.")]
        public string File { get; init; } = "-";

        [CommandOption("--alias <ALIAS>")]
        [Description("Score with the version this alias points at instead of production (e.g. staging).")]
        [ValidAliasName]
        public string? Alias { get; init; }

        [CommandOption("--version <N>")]
        [Description("Score with this version instead of production.")]
        public int? Version { get; init; }

        [CommandOption("--explain")]
        [Description("Add each row's largest feature contributions and the bias (binary and regression models).")]
        public bool Explain { get; init; }

        [CommandOption("--explain-top <N>")]
        [Description("With --explain: how many contributions per row (default 5, 1 to 100).")]
        public int? ExplainTop { get; init; }

        public override ValidationResult Validate() =>
            ExplainTop is not null && !Explain ? ValidationResult.Error("--explain-top needs --explain.") : base.Validate();
    }
}
