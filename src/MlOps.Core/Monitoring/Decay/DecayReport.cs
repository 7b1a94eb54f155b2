using MlOps.Core.Specs;

namespace MlOps.Core.Monitoring.Decay;

/// <summary>
/// Live quality of a model version over a window, from its logged predictions joined with late labels, compared
/// with the quality measured on its test split when it was trained.
/// </summary>
public sealed record DecayReport
{
    /// <summary>The window's id: one report per model and window.</summary>
    public required string Id { get; init; }

    public required string Model { get; init; }

    public int Version { get; init; }

    public ModelTask Task { get; init; }

    public required MonitoringWindow Window { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Labels available (read from feedback) when the report was made.</summary>
    public long LabelsRead { get; init; }

    /// <summary>Predictions of this version in the window that had a label.</summary>
    public long Labelled { get; init; }

    /// <summary>Labelled predictions answered by other versions (left out of the metrics).</summary>
    public long LabelledOtherVersions { get; init; }

    /// <summary>Labelled predictions that could not be scored: a label that is not a class (or not a number), an output without a probability.</summary>
    public long Unusable { get; init; }

    /// <summary>The metric watched: the spec's decay metric, else the gate's primary metric for the task.</summary>
    public required string Metric { get; init; }

    public double? Live { get; init; }

    public double? Test { get; init; }

    /// <summary>How much worse the live metric is than the test metric, in the metric's units (positive = worse).</summary>
    public double? Drop { get; init; }

    public double MaxDrop { get; init; }

    public int MinLabels { get; init; }

    public DecayVerdict Verdict { get; init; }

    public bool Decayed => Verdict == DecayVerdict.Decayed;

    public required string Reason { get; init; }

    /// <summary>Every metric computed on the labelled predictions (names as the version's test metrics).</summary>
    public IReadOnlyDictionary<string, double> LiveMetrics { get; init; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> TestMetrics { get; init; } = new Dictionary<string, double>();
}
