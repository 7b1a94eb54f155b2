using MlOps.Core.Specs;

namespace MlOps.Core.Monitoring.Serving;

/// <summary>
/// A model's serving health over a window against its spec's <c>monitoring.serving</c> thresholds, from the figures
/// this host recorded itself (<see cref="ServingStatistics"/>).
/// </summary>
public sealed class ServingHealthMonitor
{
    public const string HostSource = "host";

    private readonly ServingStatistics _statistics;
    private readonly SpecStore _specs;

    public ServingHealthMonitor(ServingStatistics statistics, SpecStore specs)
    {
        _statistics = statistics;
        _specs = specs;
    }

    /// <returns>Null when the model has no spec.</returns>
    public async Task<ServingHealthReport?> CheckAsync(string model, DateTimeOffset windowEnd, CancellationToken cancellationToken = default)
    {
        PipelineSpec? spec = (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec;
        if (spec is null)
        {
            return null;
        }

        MonitoringWindow window = MonitoringWindow.Ending(windowEnd, spec.Monitoring.Window);
        return ServingHealthEvaluator.Evaluate(model, window, HostSource, _statistics.Read(model, window.Start, window.End), spec.Monitoring.Serving);
    }
}
