using MlOps.Core.Telemetry;

namespace MlOps.Core.Monitoring;

/// <summary>
/// One monitor run of a model, linking what it found to what it did: the drift and decay reports, the retrain it
/// started (or why not), and that retrain's outcome and promotion decision once it ended.
/// </summary>
public sealed record MonitorRecord : ITraceCarrier
{
    public required string MonitorId { get; init; }

    public required string Model { get; init; }

    public required MonitoringWindow Window { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The W3C traceparent of the monitor run's root span; its trace id finds the run's spans in Application Insights or an OTLP viewer.</summary>
    public string? TraceParent { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public int? Version { get; init; }

    public string? DriftReport { get; init; }

    public bool Drifted { get; init; }

    public double? DriftedShare { get; init; }

    public string? DecayVerdict { get; init; }

    public bool Decayed { get; init; }

    /// <summary>Whether every served version kept within monitoring.serving in the window; null when it was not checked.</summary>
    public bool? ServingHealthy { get; init; }

    /// <summary>The serving thresholds crossed, one sentence each.</summary>
    public IReadOnlyList<string> ServingBreaches { get; init; } = [];

    /// <summary>Why serving health was not checked (no spec, or the Log Analytics query failed, with its error).</summary>
    public string? ServingSkippedBecause { get; init; }

    /// <summary>Why it retrained or not ("drift and decay within thresholds", "in cool-down until …").</summary>
    public string? RetrainDecision { get; init; }

    public string? RetrainRunId { get; init; }

    /// <summary>The retrain run's end: succeeded (promoted) or not promoted, with the gate's reason.</summary>
    public string? RetrainOutcome { get; init; }
}
