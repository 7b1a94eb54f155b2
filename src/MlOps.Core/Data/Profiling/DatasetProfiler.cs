namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Profiles a dataset by streaming it: one pass when its numbers fit <see cref="DatasetProfilerOptions.InMemoryValueBudget"/>,
/// otherwise a second pass for exact quantiles and histograms (a third or more only for pathological columns
/// with very many distinct values packed around a quantile). Memory is bounded by the options, not the data size.
/// </summary>
public sealed class DatasetProfiler(DatasetProfilerOptions? options = null)
{
    private readonly DatasetProfilerOptions _options = options ?? new DatasetProfilerOptions();

    public async Task<DatasetProfile> ProfileAsync(IDatasetSource source, CancellationToken cancellationToken = default)
    {
        using ProfilingRun run = await BeginAsync(source, cancellationToken);
        return await run.FinishAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the passes that settle the <see cref="ProfilingRun.Summary"/> (the first, plus a recount when a categorical
    /// column needs one); the rest are left to <see cref="ProfilingRun.FinishAsync"/>, so that work needing only the
    /// summary can run beside them.
    /// </summary>
    public Task<ProfilingRun> BeginAsync(IDatasetSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ProfilingRun.StartAsync(source, _options, cancellationToken);
    }
}
