using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops monitor &lt;model&gt; [--wait]`: run the drift and decay monitors now over the window ending now.</summary>
public sealed class MonitorCommand : AsyncCommand<MonitorCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using ApiClient api = ApiClient.From(settings);
        string model = Uri.EscapeDataString(settings.Model);
        JsonElement started = await api.PostAsync($"api/models/{model}/monitor", "{}", cancellationToken);
        if (!settings.Wait)
        {
            return JsonOutput.Write(started);
        }

        string monitorId = started.GetProperty("monitorId").GetString()!;
        JsonElement? record = null;
        await AnsiConsole.Status().StartAsync($"monitor {monitorId}", async _ =>
        {
            // The record is written when the checks finish and again when a retrain it started ends.
            var deadline = DateTime.UtcNow.AddHours(1);
            while (record is null && DateTime.UtcNow < deadline)
            {
                JsonElement monitors = await api.GetAsync($"api/models/{model}/monitors", cancellationToken);
                record = monitors.EnumerateArray().Cast<JsonElement?>()
                    .FirstOrDefault(m => m!.Value.GetProperty("monitorId").GetString() == monitorId && m.Value.TryGetProperty("endedAt", out JsonElement ended) && ended.ValueKind != JsonValueKind.Null);
                if (record is null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        });
        return record is { } done ? JsonOutput.Write(done) : JsonOutput.Write(started);
    }

    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<model>")]
        public string Model { get; init; } = string.Empty;

        [CommandOption("--wait")]
        [Description("Wait until the monitor (and any retrain it starts) has finished, then print its record.")]
        public bool Wait { get; init; }
    }
}
