using MlOps.Core.Data.Inference;

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
        ArgumentNullException.ThrowIfNull(source);
        using var first = new FirstPass(_options, source.Name);
        await source.ScanAsync(first, cancellationToken);
        first.Complete();

        var inference = new ColumnKindInference(_options.KindRules, _options.KindOverrides);
        ColumnProfileBuilder[] builders = [.. first.Columns.Select(c =>
            new ColumnProfileBuilder(c, inference.Decide(c.Name, c.Evidence(first.RowCount)), first.Store, _options))];

        // Later passes need numbers only, unless a categorical column must be recounted from its text.
        IDatasetSource again = first.Spill is not null && !builders.Any(b => b.NeedsText) ? first.Spill : source;
        int passes = 1;
        int sourceScans = 1;
        for (var pass = new RefinementPass(builders, first.RowCount, source.Name); pass.IsNeeded; pass = new RefinementPass(builders, first.RowCount, source.Name))
        {
            await again.ScanAsync(pass, cancellationToken);
            pass.Finish();
            passes++;
            sourceScans += again == source ? 1 : 0;
        }

        return new DatasetProfile(source.Name, first.RowCount, passes, sourceScans, [.. builders.Select(b => b.Build())]);
    }
}
