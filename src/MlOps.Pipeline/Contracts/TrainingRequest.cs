using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Contracts;

/// <summary>What starts a training run: which model, which uploaded blob (by name and ETag), and what triggered it.</summary>
public sealed record TrainingRequest : ITraceCarrier
{
    public required string RunId { get; init; }

    public required string Model { get; init; }

    /// <summary>Blob name inside the datasets container, "{model}/{file}".</summary>
    public required string DatasetBlob { get; init; }

    public string? DatasetETag { get; init; }

    /// <summary>blob, http or monitor.</summary>
    public string Trigger { get; init; } = "http";

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Train even when this content with this spec was trained before (a deliberate retrain).</summary>
    public bool Force { get; init; }

    /// <summary>The W3C traceparent of the run's root span, so every activity of the run joins its trace.</summary>
    public string? TraceParent { get; init; }
}
