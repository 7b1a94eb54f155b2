using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops monitor &lt;model&gt; [--wait]`: run the drift and decay monitors now over the window ending now.</summary>
public sealed class MonitorCommand(CliSession session) : ApiCommand<MonitorCommand.Settings>(session)
{
    protected override async Task<CommandOutput> RunAsync(CommandContext context, Settings settings, ApiClient api, CancellationToken cancellationToken)
    {
        JsonElement started = await api.PostAsync(settings.ModelPath("monitor"), "{}", cancellationToken);
        if (!settings.Wait)
        {
            return CommandOutput.Document(started);
        }

        string monitorId = JsonView.Field(started, "monitorId").GetString()!;
        JsonElement? record = null;
        async Task PollAsync()
        {
            // The record is written when the checks finish and again when a retrain it started ends.
            while (record is null)
            {
                JsonElement monitors = await api.GetAsync(settings.ModelPath("monitors"), cancellationToken);
                record = monitors.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(m =>
                    JsonView.Cell(JsonView.Field(m!.Value, "monitorId")) == monitorId && JsonView.Field(m.Value, "endedAt").ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined));
                if (record is null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }

        if (settings.Json)
        {
            await PollAsync();
        }
        else
        {
            await Session.Output.Console.Status().StartAsync($"monitor {Markup.Escape(monitorId)}", _ => PollAsync());
        }

        return CommandOutput.Document(record!.Value);
    }

    public sealed class Settings : ModelSettings
    {
        [CommandOption("--wait")]
        [Description("Wait until the monitor (and any retrain it starts) has finished, then print its record.")]
        public bool Wait { get; init; }
    }
}
