using System.Diagnostics;
using MlOps.Core.Alerts;
using MlOps.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MlOps.Testing;

/// <summary>
/// The product's spans and metrics collected by OpenTelemetry's in-memory exporter while it lives. Listeners are
/// process-wide, so tests running beside this one add their spans too: filter by trace id, run id or a unique model.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _points = [];

    public TelemetryCapture()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(MlOpsTracing.SourceName).AddInMemoryExporter(_spans).Build();
        _metrics = Sdk.CreateMeterProviderBuilder().AddMeter(MlOpsMetrics.MeterName).AddInMemoryExporter(_points).Build();
    }

    /// <summary>The ended spans so far.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracing.ForceFlush();
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    public IReadOnlyList<Activity> SpansOfTrace(string traceId) => [.. Spans.Where(s => s.TraceId.ToHexString() == traceId)];

    /// <summary>The metric points recorded so far of <paramref name="name"/> whose tags include <paramref name="model"/>.</summary>
    public IReadOnlyList<MetricPoint> Points(string name, string model)
    {
        _metrics.ForceFlush();
        var points = new List<MetricPoint>();
        lock (_points)
        {
            foreach (MetricSnapshot snapshot in _points.Where(m => m.Name == name))
            {
                foreach (MetricPoint point in snapshot.MetricPoints)
                {
                    if (Tag(point, MlOpsTags.Model) as string == model)
                    {
                        points.Add(point);
                    }
                }
            }

            _points.Clear(); // cumulative snapshots: the next flush has everything again
        }

        return points;
    }

    public static object? Tag(MetricPoint point, string name)
    {
        foreach (KeyValuePair<string, object?> tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return tag.Value;
            }
        }

        return null;
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metrics.Dispose();
    }
}
