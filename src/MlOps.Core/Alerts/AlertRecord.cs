namespace MlOps.Core.Alerts;

/// <summary>Something a human should look at: a drifted or decayed model, a failed run, rejected data, a budget crossed.</summary>
public sealed record AlertRecord
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public AlertKind Kind { get; init; }

    public AlertSeverity Severity { get; init; } = AlertSeverity.Warning;

    public required string Message { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The run the alert is about or started (a failed run, a retrain).</summary>
    public string? RunId { get; init; }

    /// <summary>Where the evidence is (a report in the reports container).</summary>
    public string? Report { get; init; }
}
