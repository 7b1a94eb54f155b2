using System.Globalization;
using System.Text;
using MlOps.Core.Data.Inference;

namespace MlOps.Core.Data.Profiling;

/// <summary>Everything the first pass learns about one column, in memory independent of the row count.</summary>
internal sealed class ColumnAccumulator
{

    private readonly InMemoryValueStore _store;
    private readonly int _numericLookingDistinctLimit;
    private double[] _normalized = [];
    private long _lengthSum;
    private long _multiWord;

    public ColumnAccumulator(int index, string name, DatasetProfilerOptions options, InMemoryValueStore store, KeyHistogramBudget histogramBudget)
    {
        Index = index;
        Name = name;
        _store = store;
        Quantiles = new QuantileSelector(histogramBudget, options.QuantileBucketDistinctCap);
        Sample = new ReservoirSampler(options.SampleSize, StableSeed.Combine(options.Seed, index));
        Values = new Utf8ValueCounter(options.CardinalityCap);

        // A column of numbers only needs its frequencies when they are few enough to report.
        _numericLookingDistinctLimit = options.TopValues;
    }

    public int Index { get; }

    public string Name { get; }

    public long Missing { get; private set; }

    public long NonMissing { get; private set; }

    public long Numbers { get; private set; }

    public long MaxLength { get; private set; }

    public NumericMoments Moments { get; } = new();

    public QuantileSelector Quantiles { get; }

    public ReservoirSampler Sample { get; }

    public Utf8ValueCounter Values { get; }

    public double MeanLength => NonMissing == 0 ? 0 : (double)_lengthSum / NonMissing;

    public void AddMissing() => Missing++;

    public void AddMissing(int count) => Missing += count;

    public void AddNumber(double value, ReadOnlySpan<byte> text)
    {
        NonMissing++;
        Numbers++;
        value += 0.0; // -0.0 becomes 0.0: one key per numeric value
        Moments.Add(value);
        Quantiles.AddToHistogram(value);
        Sample.Add(value);
        _store.Add(Index, value);
        if (!Values.IsAbandoned)
        {
            Span<byte> scratch = stackalloc byte[32];
            Count(SpellingOf(value, text, scratch));
            if (Numbers == NonMissing && Values.DistinctCount > _numericLookingDistinctLimit)
            {
                Values.Abandon();
            }
        }

        AddLength(text.IsEmpty ? 0 : text.Length);
    }

    /// <summary>
    /// A block of numbers, as <see cref="AddNumber"/> for each in turn, once the value frequencies are dropped (they
    /// need the spellings): every statistic sees the same values in the same order, a block at a time.
    /// </summary>
    public void AddNumbers(ReadOnlySpan<double> values, ReadOnlySpan<int> spellingLengths)
    {
        if (_normalized.Length < values.Length)
        {
            _normalized = new double[values.Length];
        }

        Span<double> normalized = _normalized.AsSpan(0, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            normalized[i] = values[i] + 0.0;
        }

        NonMissing += values.Length;
        Numbers += values.Length;
        Moments.AddAll(normalized);
        Quantiles.AddAllToHistogram(normalized);
        Sample.AddAll(normalized);
        _store.AddAll(Index, normalized);
        foreach (int length in spellingLengths)
        {
            AddLength(length);
        }
    }

    public void AddText(ReadOnlySpan<byte> utf8)
    {
        NonMissing++;
        AddLength(Ascii.IsValid(utf8) ? utf8.Length : Encoding.UTF8.GetCharCount(utf8));
        if (Utf8Trim(utf8).Contains((byte)' '))
        {
            _multiWord++;
        }

        Count(utf8);
    }

    public ColumnEvidence Evidence(long rowCount) => new(
        rowCount,
        NonMissing,
        Numbers,
        Values.DistinctCount,
        Values.IsAbandoned || Values.IsCapped,
        MeanLength,
        NonMissing == 0 ? 0 : (double)_multiWord / NonMissing);

    public TextProfile TextProfile() => new(MeanLength, MaxLength, NonMissing == 0 ? 0 : (double)_multiWord / NonMissing);

    /// <summary>The number as the file spells it, or (typed sources) its shortest round-trip form.</summary>
    public static ReadOnlySpan<byte> SpellingOf(double value, ReadOnlySpan<byte> text, Span<byte> scratch)
    {
        if (!text.IsEmpty)
        {
            return text;
        }

        return value.TryFormat(scratch, out int written, "R", CultureInfo.InvariantCulture) ? scratch[..written] : [];
    }

    private static ReadOnlySpan<byte> Utf8Trim(ReadOnlySpan<byte> utf8) => utf8.Trim((byte)' ');

    private void Count(ReadOnlySpan<byte> spelling) => Values.Add(spelling);

    private void AddLength(long length)
    {
        _lengthSum += length;
        if (length > MaxLength)
        {
            MaxLength = length;
        }
    }
}
