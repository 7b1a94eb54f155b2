using MlOps.Core.Data.Inference;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Turns a column's first-pass state into its profile, asking for further passes where the first was not enough:
/// exact quantiles and the equal-width histogram of a column too large to keep in memory, and value frequencies
/// of a categorical column whose counting was dropped early because it looked numeric.
/// </summary>
internal sealed class ColumnProfileBuilder
{
    private readonly ColumnAccumulator _column;
    private readonly ColumnKindDecision _decision;
    private readonly DatasetProfilerOptions _options;
    private readonly IRankedValues? _ranked;
    private readonly QuantileSelector? _selector;
    private readonly EqualWidthHistogram? _histogram;
    private readonly Utf8ValueCounter? _recount;
    private readonly double _mean;
    private bool _histogramPending;
    private bool _recountPending;

    public ColumnProfileBuilder(ColumnAccumulator column, ColumnKindDecision decision, InMemoryValueStore store, DatasetProfilerOptions options)
    {
        _column = column;
        _decision = decision;
        _options = options;
        if (decision.Kind == ColumnKind.Numeric && column.Numbers > 0)
        {
            _mean = column.Moments.Mean;
            _histogram = new EqualWidthHistogram(column.Moments.Min, column.Moments.Max, options.HistogramBins);
            List<double>? values = store.ValuesOf(column.Index);
            if (values is not null)
            {
                double mean = column.Moments.Mean;
                foreach (double value in values)
                {
                    _histogram.Add(value);
                    column.Moments.AddDeviation(value, mean);
                }

                _ranked = new SortedValues(values);
            }
            else
            {
                column.Quantiles.Plan(PlannedRanks(column.Numbers));
                _ranked = _selector = column.Quantiles;
                _histogramPending = true;
            }
        }

        if (decision.Kind == ColumnKind.Categorical && column.Values.IsAbandoned)
        {
            _recount = new Utf8ValueCounter(options.CardinalityCap);
            _recountPending = true;
        }
    }

    /// <summary>The probabilities whose quantiles make the PSI reference bins: 0, 0.1, ..., 1 as numpy.linspace(0, 1, 11).</summary>
    public static IReadOnlyList<double> DecileProbabilities { get; } = [.. Enumerable.Range(0, 10).Select(i => i * 0.1), 1.0];

    /// <summary>True while a recount of text values is pending (a pass over numbers alone will not do).</summary>
    public bool NeedsText => _recountPending;

    public bool WantsPass => _histogramPending || _recountPending || (_selector?.HasPendingRanges ?? false);

    public void OnNumber(double value, ReadOnlySpan<byte> text)
    {
        value += 0.0;
        if (_histogramPending)
        {
            _histogram!.Add(value);
            _column.Moments.AddDeviation(value, _mean);
        }

        if (_selector is { HasPendingRanges: true })
        {
            _selector.Collect(value);
        }

        if (_recountPending)
        {
            Span<byte> scratch = stackalloc byte[32];
            _recount!.Add(ColumnAccumulator.SpellingOf(value, text, scratch));
        }
    }

    /// <summary>A block of numbers without spellings: as <see cref="OnNumber"/> for each, one statistic at a time.</summary>
    public void OnNumbers(ReadOnlySpan<double> values)
    {
        if (_recountPending)
        {
            foreach (double value in values)
            {
                OnNumber(value, []);
            }

            return;
        }

        if (_histogramPending)
        {
            EqualWidthHistogram histogram = _histogram!;
            NumericMoments moments = _column.Moments;
            foreach (double value in values)
            {
                double number = value + 0.0;
                histogram.Add(number);
                moments.AddDeviation(number, _mean);
            }
        }

        if (_selector is { HasPendingRanges: true })
        {
            foreach (double value in values)
            {
                _selector.Collect(value + 0.0);
            }
        }
    }

    public void OnText(ReadOnlySpan<byte> utf8)
    {
        if (_recountPending)
        {
            _recount!.Add(utf8);
        }
    }

    public void FinishPass()
    {
        if (_selector is { HasPendingRanges: true })
        {
            _selector.FinishPass();
        }

        _histogramPending = false;
        _recountPending = false;
    }

    public ColumnProfile Build()
    {
        ColumnKind kind = _decision.Kind;
        return new ColumnProfile(
            _column.Name,
            _column.Index,
            kind,
            _decision.Reason,
            _column.NonMissing,
            _column.Missing,
            TypeErrors,
            _ranked is null ? null : BuildNumeric(_ranked),
            BuildCategorical(kind),
            kind == ColumnKind.Text ? _column.TextProfile() : null);
    }

    /// <summary>What <see cref="Build"/> will say of kind, counts, range and cardinality; final once no recount is pending.</summary>
    public ColumnSummary Summary() => new(
        _column.Name,
        _decision.Kind,
        _column.NonMissing,
        _column.Missing,
        TypeErrors,
        _ranked is null ? null : (_column.Moments.Min, _column.Moments.Max),
        FrequencyCounter(_decision.Kind)?.DistinctCount);

    private IEnumerable<long> PlannedRanks(long count) =>
        _options.Quantiles.Concat(DecileProbabilities).SelectMany(p =>
        {
            long low = (long)Math.Floor((count - 1) * p);
            return new[] { low, Math.Min(low + 1, count - 1) };
        });

    private NumericProfile BuildNumeric(IRankedValues ranked)
    {
        NumericMoments moments = _column.Moments;
        return new NumericProfile(
            ranked.Count,
            moments.Min,
            moments.Max,
            moments.Mean,
            moments.SampleStd,
            [.. _options.Quantiles.Select(p => new QuantileValue(p, LinearQuantile.At(ranked, p).Value))],
            new HistogramProfile(_histogram!.Edges, _histogram.Counts),
            LinearQuantile.Bins(ranked, DecileProbabilities),
            _column.Sample.ToSortedArray());
    }

    private long TypeErrors => _decision.Kind == ColumnKind.Numeric ? _column.NonMissing - _column.Numbers : 0;

    /// <summary>The value frequencies the profile reports, or null when it reports none.</summary>
    private Utf8ValueCounter? FrequencyCounter(ColumnKind kind)
    {
        Utf8ValueCounter counter = _recount ?? _column.Values;
        bool fewNumbers = kind == ColumnKind.Numeric && !counter.IsAbandoned && counter.DistinctCount <= _options.TopValues;
        return kind == ColumnKind.Categorical || fewNumbers ? counter : null;
    }

    private CategoricalProfile? BuildCategorical(ColumnKind kind)
    {
        if (FrequencyCounter(kind) is not { } counter)
        {
            return null;
        }

        IReadOnlyList<(string Value, long Count)> top = counter.Top(_options.TopValues);
        return new CategoricalProfile(
            counter.DistinctCount,
            counter.IsCapped,
            [.. top.Select(t => new CategoryCount(t.Value, t.Count))],
            _column.NonMissing - top.Sum(t => t.Count));
    }
}
