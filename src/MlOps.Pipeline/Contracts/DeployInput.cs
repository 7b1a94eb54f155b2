using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>What the deploy stage registers and, if the gate passed, promotes.</summary>
public sealed record DeployInput : ITraceCarrier
{
    public required StageInput Stage { get; init; }

    public required TrainResult Training { get; init; }

    public required EvaluationResult Evaluation { get; init; }

    string ITraceCarrier.Model => Stage.Model;

    string? ITraceCarrier.TraceParent => Stage.TraceParent;
}
