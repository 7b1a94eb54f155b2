using System.Diagnostics;
using MlOps.Core.Monitoring;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Durable;

/// <summary>
/// One span per activity execution, in both hosts, parented in the trace its input carries (the run's or the monitor
/// run's), with the exception recorded on the span when the activity fails.
/// </summary>
public static class ActivitySpans
{
    public static async Task<T> RunAsync<T>(string activity, string instanceId, object? input, Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var work = input as ITraceCarrier;
        using Activity? span = MlOpsTracing.StartCarried(activity, work);
        if (span is not null)
        {
            span.SetTag(MlOpsTags.Activity, activity);
            span.SetTag(input is MonitorInput or RetrainInput or MonitorRecord ? MlOpsTags.MonitorId : MlOpsTags.RunId, instanceId);
            if (input is CandidateInput candidate)
            {
                span.SetTag(MlOpsTags.Stage, "train");
                span.SetTag(MlOpsTags.Trainer, candidate.Candidate.Trainer);
                span.SetTag(MlOpsTags.Candidate, candidate.Index);
            }
        }

        try
        {
            T result = await run().ConfigureAwait(false);
            if (span is not null && result is DeployResult { Version: > 0 } deployed)
            {
                span.SetTag(MlOpsTags.Version, deployed.Version);
            }

            return result;
        }
        catch (Exception ex) when (span is not null)
        {
            MlOpsTracing.RecordException(span, ex);
            throw;
        }
    }
}
