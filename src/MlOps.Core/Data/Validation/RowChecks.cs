using System.IO.Hashing;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Data.Validation;

/// <summary>
/// Checks that need whole rows, gathered while the splits are written: exact duplicate rows (64-bit hashes of the
/// raw records, for the first <see cref="DuplicateCheckCap"/> rows, counted at the end), and leakage — a feature that on its own
/// predicts the label perfectly (disjoint ranges per class, a category that always means one class, or a
/// correlation of ±1 with a numeric target).
/// </summary>
public sealed class RowChecks
{
    public const int DuplicateCheckCap = 10_000_000;

    // With only a few rows per class, disjoint ranges happen by chance; leakage needs this much evidence per class.
    private const int LeakageMinRowsPerClass = 10;
    private const int CategoryCap = 10_000;

    private readonly FeatureLayout _layout;
    private readonly bool _regression;
    private readonly int[] _numeric;
    private readonly int[] _categorical;
    private readonly int _classes;
    private readonly NumericLeakageObserver _numericValues;
    private readonly long[] _classRows;
    private readonly Dictionary<ulong, int>[] _categoryClass;
    private readonly bool[] _categoryMixed;
    private readonly DuplicateRowCounter _hashes;
    private int _labelClass;

    /// <param name="numericValues">The numeric features' per-class ranges or target sums, gathered on the profiler's first pass.</param>
    /// <param name="expectedRows">How many rows are likely to come (sizes the duplicate hashes up front); 0 if unknown.</param>
    public RowChecks(FeatureLayout layout, int classCount, NumericLeakageObserver numericValues, long expectedRows = 0)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(numericValues);
        _layout = layout;
        _regression = layout.Task == ModelTask.Regression;
        _numeric = [.. layout.NumericFeatures.Select(layout.IndexOf)];
        _categorical = [.. layout.CategoricalFeatures.Select(layout.IndexOf)];
        _classes = Math.Max(classCount, 1);
        _numericValues = numericValues;
        _classRows = new long[_classes];
        _categoryClass = [.. _categorical.Select(_ => new Dictionary<ulong, int>())];
        _categoryMixed = new bool[_categorical.Length];
        _hashes = new DuplicateRowCounter((int)Math.Clamp(expectedRows, 0, DuplicateCheckCap));
    }

    public long Rows { get; private set; }

    public long Duplicates => _hashes.Duplicates();

    public long DuplicateRowsChecked => Math.Min(Rows, DuplicateCheckCap);

    /// <summary>Starts a labelled row of class <paramref name="labelClass"/> (0 for regression).</summary>
    public void BeginRow(ReadOnlySpan<byte> rawRecord, int labelClass)
    {
        _labelClass = labelClass;
        if (labelClass >= 0 && labelClass < _classes)
        {
            _classRows[labelClass]++;
        }

        if (Rows++ < DuplicateCheckCap)
        {
            _hashes.Add(XxHash3.HashToUInt64(rawRecord));
        }
    }

    /// <summary>A present value of the row's categorical feature number <paramref name="feature"/>, by its UTF-8 bytes.</summary>
    public void Category(int feature, ReadOnlySpan<byte> value)
    {
        if (_regression || _categoryMixed[feature])
        {
            return;
        }

        ulong category = XxHash3.HashToUInt64(value);
        if (_categoryClass[feature].TryGetValue(category, out int seen))
        {
            _categoryMixed[feature] = seen != _labelClass;
        }
        else if (_categoryClass[feature].Count < CategoryCap)
        {
            _categoryClass[feature][category] = _labelClass;
        }
    }

    /// <summary>Features that predict the label perfectly on their own.</summary>
    public IEnumerable<(string Column, string Why)> LeakingFeatures()
    {
        if (_layout.Task != ModelTask.Regression ? _classRows.Any(n => n < LeakageMinRowsPerClass) : Rows < 3 * LeakageMinRowsPerClass)
        {
            yield break;
        }

        for (int f = 0; f < _numeric.Length; f++)
        {
            string? why = _layout.Task == ModelTask.Regression ? Correlated(f) : Separates(f);
            if (why is not null)
            {
                yield return (_layout.NumericFeatures[f], why);
            }
        }

        for (int f = 0; f < _categorical.Length; f++)
        {
            int classesSeen = _categoryClass[f].Values.Distinct().Count();
            if (!_categoryMixed[f] && classesSeen >= 2 && _categoryClass[f].Count <= Math.Max(2, Rows / 2))
            {
                yield return (_layout.CategoricalFeatures[f], "every value of it belongs to exactly one label class");
            }
        }
    }

    // Classification: every pair of classes occupies disjoint value ranges.
    private string? Separates(int f)
    {
        var ranges = Enumerable.Range(0, _classes).Select(c => _numericValues.Range(_numeric[f], c)).Where(r => r.Min <= r.Max).OrderBy(r => r.Min).ToList();
        if (ranges.Count < 2)
        {
            return null;
        }

        for (int i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Min <= ranges[i - 1].Max)
            {
                return null;
            }
        }

        return "its value ranges per label class do not overlap";
    }

    private string? Correlated(int f)
    {
        IReadOnlyList<double> sums = _numericValues.Sums(_numeric[f]);
        double n = sums[0];
        double covariance = (n * sums[3]) - (sums[1] * sums[2]);
        double spread = Math.Sqrt(((n * sums[4]) - (sums[1] * sums[1])) * ((n * sums[5]) - (sums[2] * sums[2])));
        return n > 2 && spread > 0 && Math.Abs(covariance / spread) >= 0.9999 ? "it is perfectly correlated with the target" : null;
    }
}
