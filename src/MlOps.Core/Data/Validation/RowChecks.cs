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
    // Per numeric feature and class, at [feature * _classes + class]: flat arrays, as this is touched for every value.
    private readonly double[] _min;
    private readonly double[] _max;
    private readonly long[] _classRows;
    private readonly Dictionary<ulong, int>[] _categoryClass;
    private readonly bool[] _categoryMixed;
    private readonly double[,] _sums; // regression: n, Σx, Σy, Σxy, Σx², Σy² per numeric feature
    private readonly DuplicateRowCounter _hashes;
    private int _labelClass;
    private double _labelValue;

    /// <param name="expectedRows">How many rows are likely to come (sizes the duplicate hashes up front); 0 if unknown.</param>
    public RowChecks(FeatureLayout layout, int classCount, long expectedRows = 0)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _regression = layout.Task == ModelTask.Regression;
        _numeric = [.. layout.NumericFeatures.Select(layout.IndexOf)];
        _categorical = [.. layout.CategoricalFeatures.Select(layout.IndexOf)];
        _classes = Math.Max(classCount, 1);
        _min = new double[_numeric.Length * _classes];
        _max = new double[_numeric.Length * _classes];
        _min.AsSpan().Fill(double.PositiveInfinity);
        _max.AsSpan().Fill(double.NegativeInfinity);

        _classRows = new long[_classes];
        _categoryClass = [.. _categorical.Select(_ => new Dictionary<ulong, int>())];
        _categoryMixed = new bool[_categorical.Length];
        _sums = new double[_numeric.Length, 6];
        _hashes = new DuplicateRowCounter((int)Math.Clamp(expectedRows, 0, DuplicateCheckCap));
    }

    public long Rows { get; private set; }

    public long Duplicates => _hashes.Duplicates();

    public long DuplicateRowsChecked => Math.Min(Rows, DuplicateCheckCap);

    /// <summary>Starts a labelled row: <paramref name="labelClass"/> for classification, <paramref name="labelValue"/> for regression.</summary>
    public void BeginRow(ReadOnlySpan<byte> rawRecord, int labelClass, double labelValue)
    {
        _labelClass = labelClass;
        _labelValue = labelValue;
        if (labelClass >= 0 && labelClass < _classes)
        {
            _classRows[labelClass]++;
        }

        if (Rows++ < DuplicateCheckCap)
        {
            _hashes.Add(XxHash3.HashToUInt64(rawRecord));
        }
    }

    /// <summary>A finite value of the row's numeric feature number <paramref name="feature"/> (its index in the layout's numeric features).</summary>
    public void Numeric(int feature, double x)
    {
        if (_regression)
        {
            double y = _labelValue;
            _sums[feature, 0]++;
            _sums[feature, 1] += x;
            _sums[feature, 2] += y;
            _sums[feature, 3] += x * y;
            _sums[feature, 4] += x * x;
            _sums[feature, 5] += y * y;
        }
        else
        {
            int slot = (feature * _classes) + _labelClass;
            _min[slot] = Math.Min(_min[slot], x);
            _max[slot] = Math.Max(_max[slot], x);
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
        var ranges = Enumerable.Range(f * _classes, _classes).Where(s => _min[s] <= _max[s]).Select(s => (Min: _min[s], Max: _max[s])).OrderBy(r => r.Min).ToList();
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
        double n = _sums[f, 0];
        double covariance = (n * _sums[f, 3]) - (_sums[f, 1] * _sums[f, 2]);
        double spread = Math.Sqrt(((n * _sums[f, 4]) - (_sums[f, 1] * _sums[f, 1])) * ((n * _sums[f, 5]) - (_sums[f, 2] * _sums[f, 2])));
        return n > 2 && spread > 0 && Math.Abs(covariance / spread) >= 0.9999 ? "it is perfectly correlated with the target" : null;
    }
}
