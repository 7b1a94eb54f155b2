using System.ComponentModel.DataAnnotations;

namespace MlOps.Pipeline.Telemetry;

/// <summary>How much of the request path the exporters see (section <c>Telemetry</c>), in both hosts.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The share of request traces kept (0 to 1), chosen by trace id where a request starts a trace. Runs, monitor runs
    /// and batch scoring are always traced; metrics are never sampled (they are counted in process before export).
    /// </summary>
    [Range(0.0, 1.0)]
    public double RequestSamplingRatio { get; set; } = 1.0;

    /// <summary>
    /// Azure Monitor's Live Metrics stream (a long poll and a per-request collector beside the exporter); off unless
    /// someone watches the portal's live view.
    /// </summary>
    public bool LiveMetrics { get; set; }
}
