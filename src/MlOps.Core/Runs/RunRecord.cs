namespace MlOps.Core.Runs;

/// <summary>One pipeline run as users see it: trigger, inputs, status, outcome.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }

    public required string Model { get; init; }

    public RunStatus Status { get; init; } = RunStatus.Running;

    /// <summary>Why the run ended as it did (the validation finding, the gate decision, the error).</summary>
    public string? Reason { get; init; }

    /// <summary>blob, http or monitor.</summary>
    public string Trigger { get; init; } = "http";

    /// <summary>What started a monitor-triggered run: the monitor and its drift or decay finding.</summary>
    public string? TriggeredBy { get; init; }

    public required string DatasetBlob { get; init; }

    public string? DatasetETag { get; init; }

    /// <summary>A deliberate retrain of a dataset version that had a run before (started with force).</summary>
    public bool Forced { get; init; }

    /// <summary>The SHA-256 of the dataset content, once ingested.</summary>
    public string? DatasetVersion { get; init; }

    public int? SpecVersion { get; init; }

    public int? ModelVersion { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The run's trace (W3C trace id, 32 hex digits): Application Insights' operation id, or any OTLP viewer's trace search.</summary>
    public string? TraceId { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The validation report (reports container) of this run's data.</summary>
    public string? ValidationReport { get; init; }

    /// <summary>Validation warnings: recorded and shown, they do not stop the run.</summary>
    public List<string>? Warnings { get; init; }

    /// <summary>Test metrics of the trained model, by name (a run stored under earlier metric names reads under today's).</summary>
    public Dictionary<string, double>? Metrics { get; init => field = value is null ? null : Evaluation.Metrics.MetricNames.Canonical(value); }

    /// <summary>Classification: the trained model's test rows by true class (rows) and predicted class (columns).</summary>
    public Evaluation.ConfusionMatrix? ConfusionMatrix { get; init; }

    /// <summary>The gate's decision with its evidence (challenger and champion metrics on the same split, deltas, rule).</summary>
    public Evaluation.GateDecision? Decision { get; init; }
}
