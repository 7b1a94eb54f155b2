using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>The references every stage after ingest works from; never the data itself.</summary>
public sealed record StageInput : ITraceCarrier
{
    public required string RunId { get; init; }

    public required string Model { get; init; }

    public required string DatasetVersion { get; init; }

    public int SpecVersion { get; init; }

    public required string PreparedPrefix { get; init; }

    /// <summary>The trained candidate's artifact path in the models container (set after training).</summary>
    public string? CandidatePath { get; init; }

    public string? CandidateSha256 { get; init; }

    /// <summary>The W3C traceparent of the run's root span, so every activity of the run joins its trace.</summary>
    public string? TraceParent { get; init; }
}
