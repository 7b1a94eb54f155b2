using MlOps.Core.Data.Inference;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A profile under way (from <see cref="DatasetProfiler.BeginAsync"/>): its <see cref="Summary"/> is final, while the
/// exact quantiles, standard deviations and histograms of columns too large to keep in memory still take
/// <see cref="FinishAsync"/>'s passes. Disposing it deletes the numbers spilled for those passes.
/// </summary>
public sealed class ProfilingRun : IDisposable
{
    private readonly IDatasetSource _source;
    private readonly FirstPass _first;
    private readonly ColumnProfileBuilder[] _builders;
    private readonly IDatasetSource _again;
    private int _passes = 1;
    private int _sourceScans = 1;

    private ProfilingRun(IDatasetSource source, FirstPass first, DatasetProfilerOptions options)
    {
        _source = source;
        _first = first;
        var inference = new ColumnKindInference(options.KindRules, options.KindOverrides);
        _builders = [.. first.Columns.Select(c =>
            new ColumnProfileBuilder(c, inference.Decide(c.Name, c.Evidence(first.RowCount)), first.Store, options))];

        // Later passes need numbers only, unless a categorical column must be recounted from its text.
        _again = first.Spill is not null && !_builders.Any(b => b.NeedsText) ? first.Spill : source;
    }

    /// <summary>Kinds, counts, ranges and cardinalities, as the finished profile will state them.</summary>
    public DatasetSummary Summary { get; private set; } = new(0, []);

    /// <summary>The remaining passes, then the profile.</summary>
    public async Task<DatasetProfile> FinishAsync(CancellationToken cancellationToken = default)
    {
        await RefineAsync(textOnly: false, cancellationToken);
        return new DatasetProfile(_source.Name, _first.RowCount, _passes, _sourceScans, [.. _builders.Select(b => b.Build())]);
    }

    public void Dispose() => _first.Dispose();

    internal static async Task<ProfilingRun> StartAsync(IDatasetSource source, DatasetProfilerOptions options, CancellationToken cancellationToken)
    {
        var first = new FirstPass(options, source.Name);
        try
        {
            await source.ScanAsync(first, cancellationToken);
            first.Complete();
            var run = new ProfilingRun(source, first, options);

            // A recounted column's cardinality is part of the summary; the passes are the same ones, only split differently.
            await run.RefineAsync(textOnly: true, cancellationToken);
            run.Summary = new DatasetSummary(first.RowCount, [.. run._builders.Select(b => b.Summary())]);
            return run;
        }
        catch
        {
            first.Dispose();
            throw;
        }
    }

    /// <param name="textOnly">Stop once no column waits for a recount of its text.</param>
    private async Task RefineAsync(bool textOnly, CancellationToken cancellationToken)
    {
        while (!textOnly || _builders.Any(b => b.NeedsText))
        {
            var pass = new RefinementPass(_builders, _first.RowCount, _source.Name);
            if (!pass.IsNeeded)
            {
                return;
            }

            await _again.ScanAsync(pass, cancellationToken);
            pass.Finish();
            _passes++;
            _sourceScans += _again == _source ? 1 : 0;
        }
    }
}
