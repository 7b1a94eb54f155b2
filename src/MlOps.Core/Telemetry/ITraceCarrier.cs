namespace MlOps.Core.Telemetry;

/// <summary>
/// A unit of work that belongs to a run's or a monitor's trace: it carries the W3C traceparent of that trace's root
/// span, so whatever executes it (an activity on any worker, in either host) parents its spans there.
/// </summary>
public interface ITraceCarrier
{
    string Model { get; }

    /// <summary>The root span's W3C traceparent ("00-{trace}-{span}-{flags}"); null for work started before traces existed.</summary>
    string? TraceParent { get; }
}
