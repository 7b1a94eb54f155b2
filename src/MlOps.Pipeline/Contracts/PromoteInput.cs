using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>Move production to a registered version, if production still points where the gate saw it.</summary>
public sealed record PromoteInput : ITraceCarrier
{
    public required string RunId { get; init; }

    public required string Model { get; init; }

    public int Version { get; init; }

    public int? ExpectedProduction { get; init; }

    public required string By { get; init; }

    public required string Reason { get; init; }

    /// <summary>The gate decision as JSON, kept with the promotion.</summary>
    public string? Evidence { get; init; }

    /// <summary>A human approved this version, so a schema change from production is acknowledged (and recorded as such).</summary>
    public bool AcknowledgeSchemaChange { get; init; }

    /// <summary>The W3C traceparent of the run's root span, so every activity of the run joins its trace.</summary>
    public string? TraceParent { get; init; }
}
