using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>The chosen candidate to evaluate on the test split, with its metrics on its own training rows (for the overfitting check).</summary>
public sealed record EvaluateInput : ITraceCarrier
{
    public required StageInput Stage { get; init; }

    public Dictionary<string, double> TrainMetrics { get; init; } = [];

    string ITraceCarrier.Model => Stage.Model;

    string? ITraceCarrier.TraceParent => Stage.TraceParent;
}
