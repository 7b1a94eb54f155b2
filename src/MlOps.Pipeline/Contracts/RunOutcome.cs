using MlOps.Core.Evaluation;
using MlOps.Core.Runs;
using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>How a run ended; also the orchestration's output.</summary>
public sealed record RunOutcome : ITraceCarrier
{
    public required string RunId { get; init; }

    public required string Model { get; init; }

    public RunStatus Status { get; init; }

    public string? Reason { get; init; }

    public int? ModelVersion { get; init; }

    public Dictionary<string, double>? Metrics { get; init; }

    /// <summary>The gate's decision and its evidence: both metric sets, the deltas, the rule applied.</summary>
    public GateDecision? Decision { get; init; }

    /// <summary>The run was refused because the model's monthly budget is spent (raises a budget alert, not a data one).</summary>
    public bool BudgetRefused { get; init; }

    /// <summary>The W3C traceparent of the run's root span, so every activity of the run joins its trace.</summary>
    public string? TraceParent { get; init; }
}
