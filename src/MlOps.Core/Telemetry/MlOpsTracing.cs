using System.Diagnostics;

namespace MlOps.Core.Telemetry;

/// <summary>
/// The product's one ActivitySource ("MlOps") and the few ways its spans start: a new trace per run or monitor run,
/// and spans of work that carries that trace's parent across processes. Without a listener (no exporter configured)
/// StartActivity returns null and every helper here costs a null check.
/// </summary>
public static class MlOpsTracing
{
    public const string SourceName = "MlOps";

    /// <summary>The Durable Task SDK's own source: orchestration, activity and scheduling spans, joined to ours.</summary>
    public const string DurableTaskSourceName = "Microsoft.DurableTask";

    /// <summary>The span of one prediction request, tagged with model, version and outcome, which the serving-health query reads.</summary>
    public const string PredictSpanName = "predict";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// Starts the root span of a new trace (a run, a monitor run), linked to the span that asked for it (the HTTP
    /// request, the blob trigger, the monitor that decided to retrain): each run is one trace of its own, however it started.
    /// </summary>
    public static Activity? StartRoot(string name, string model)
    {
        Activity? requester = Activity.Current;
        if (!Source.HasListeners())
        {
            return null;
        }

        // A parent of default with Current cleared is what makes this a root rather than a child of the requester.
        Activity.Current = null;
        try
        {
            ActivityLink[]? links = requester is null ? null : [new ActivityLink(requester.Context)];
            Activity? root = Source.StartActivity(name, ActivityKind.Internal, parentContext: default, links: links);
            root?.SetTag(MlOpsTags.Model, model);
            return root;
        }
        finally
        {
            if (Activity.Current is null)
            {
                Activity.Current = requester;
            }
        }
    }

    /// <summary>
    /// Starts a span of <paramref name="work"/> in its trace. When the current span (the Durable Task SDK's, on a
    /// worker that propagates context) is already in that trace, the new span nests under it; otherwise under the
    /// carried parent, with a link to the current span of another trace (a Functions invocation).
    /// </summary>
    public static Activity? StartCarried(string name, ITraceCarrier? work, ActivityKind kind = ActivityKind.Internal)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? current = Activity.Current;
        if (work?.TraceParent is not { } traceParent || !ActivityContext.TryParse(traceParent, null, isRemote: true, out ActivityContext carried))
        {
            return Tag(Source.StartActivity(name, kind), work);
        }

        if (current is not null && current.TraceId == carried.TraceId)
        {
            return Tag(Source.StartActivity(name, kind), work);
        }

        ActivityLink[]? links = current is null ? null : [new ActivityLink(current.Context)];
        return Tag(Source.StartActivity(name, kind, carried, links: links), work);
    }

    /// <summary>The W3C traceparent of a span, to carry in the work it starts; null without one.</summary>
    public static string? TraceParentOf(Activity? activity) => activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null;

    /// <summary>The trace id inside a W3C traceparent, as stored on run and monitor records.</summary>
    public static string? TraceIdOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out ActivityContext context) ? context.TraceId.ToHexString() : null;

    /// <summary>Marks a span failed with the exception, as OpenTelemetry's exception semantic conventions describe it.</summary>
    public static void RecordException(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }

    private static Activity? Tag(Activity? activity, ITraceCarrier? work)
    {
        if (activity is not null && work is not null)
        {
            activity.SetTag(MlOpsTags.Model, work.Model);
        }

        return activity;
    }
}
