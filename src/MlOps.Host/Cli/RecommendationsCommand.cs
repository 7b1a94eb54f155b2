using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops recommendations &lt;model&gt;`: ways to spend less on a model, largest monthly saving first.</summary>
public sealed class RecommendationsCommand : AsyncCommand<RecommendationsCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        JsonElement answer = await api.GetAsync($"api/models/{Uri.EscapeDataString(settings.Model)}/recommendations", cancellationToken);
        if (settings.Json)
        {
            return JsonOutput.Write(answer);
        }

        JsonElement[] recommendations = [.. answer.GetProperty("recommendations").EnumerateArray()];
        if (recommendations.Length == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No recommendations for {settings.Model}: nothing in its recent costs stands out.");
            return 0;
        }

        var table = new Table().Title($"Recommendations for {settings.Model}");
        table.AddColumn("kind");
        table.AddColumn("recommendation");
        table.AddColumn(new TableColumn("saving / month").RightAligned());
        foreach (JsonElement r in recommendations)
        {
            table.AddRow(
                Markup.Escape(r.GetProperty("kind").GetString()!),
                Markup.Escape(r.GetProperty("title").GetString()! + "\n" + r.GetProperty("detail").GetString()),
                Markup.Escape($"{r.GetProperty("currency").GetString()} {r.GetProperty("monthlySaving").GetDouble().ToString("0.######", CultureInfo.InvariantCulture)}"));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandOption("--json")]
        [Description("Print the API's answer as JSON.")]
        public bool Json { get; init; }
    }
}
