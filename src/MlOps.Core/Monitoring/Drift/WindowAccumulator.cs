using System.Runtime.InteropServices;
using System.Text.Json;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// The current side of a drift report, built by streaming a window of logged predictions through it: one
/// <see cref="NumericWindowColumn"/> per numeric feature, one <see cref="CategoricalWindowColumn"/> per categorical
/// feature (both in the layout's order), and the model's outputs for prediction drift (binary: the positive-class
/// probability; regression: the predicted value; multiclass: the predicted label). Memory is bounded by the sample
/// cap and the distinct-category cap, not by the number of rows.
/// </summary>
public sealed class WindowAccumulator
{
    public const int DefaultSeed = 42;

    public const int DefaultDistinctCap = 100_000;

    private readonly Dictionary<int, long> _rowsByVersion = [];
    private readonly NumericWindowColumn[] _numeric;
    private readonly CategoricalWindowColumn[] _categorical;

    /// <param name="sampleCap">Values kept per numeric column (and for numeric outputs); a cap at least the window's rows keeps everything.</param>
    /// <param name="seed">
    /// Every column's reservoir uses the same seed, so columns without missing values keep the same rows (a
    /// row-consistent sample, which the plots and any later multivariate check can rely on).
    /// </param>
    public WindowAccumulator(FeatureLayout layout, int sampleCap, int seed = DefaultSeed, int distinctCap = DefaultDistinctCap)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        SampleCap = sampleCap;
        _numeric = [.. layout.NumericFeatures.Select(name => new NumericWindowColumn(name, sampleCap, seed))];
        _categorical = [.. layout.CategoricalFeatures.Select(name => new CategoricalWindowColumn(name, distinctCap))];
        switch (layout.Task)
        {
            case ModelTask.Binary:
                PredictedValues = new NumericWindowColumn("probability", sampleCap, seed);
                break;
            case ModelTask.Regression:
                PredictedValues = new NumericWindowColumn("prediction", sampleCap, seed);
                break;
            default:
                PredictedLabels = new CategoricalWindowColumn("predicted label", distinctCap);
                break;
        }
    }

    /// <summary>An accumulator with the spec's sample cap, taking outputs only from <paramref name="outputVersion"/> when given.</summary>
    public static WindowAccumulator For(FeatureLayout layout, DriftSpec spec, int? outputVersion = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new WindowAccumulator(layout, spec.SampleCap) { OutputVersion = outputVersion };
    }

    /// <summary>
    /// When set, only this version's outputs count for prediction drift (its reference predictions describe it alone;
    /// a window in which the production alias moved holds another model's answers too). Inputs count whatever the version.
    /// </summary>
    public int? OutputVersion { get; init; }

    public FeatureLayout Layout { get; }

    public int SampleCap { get; }

    public long Rows { get; private set; }

    /// <summary>Logged rows per model version that answered them (the production alias may move within a window).</summary>
    public IReadOnlyDictionary<int, long> RowsByVersion => _rowsByVersion;

    /// <summary>One column per numeric feature, in the layout's order.</summary>
    public IReadOnlyList<NumericWindowColumn> Numeric => _numeric;

    /// <summary>One column per categorical feature, in the layout's order.</summary>
    public IReadOnlyList<CategoricalWindowColumn> Categorical => _categorical;

    /// <summary>Binary: positive-class probabilities; regression: predicted values; null for multiclass.</summary>
    public NumericWindowColumn? PredictedValues { get; }

    /// <summary>Multiclass: predicted labels; null otherwise.</summary>
    public CategoricalWindowColumn? PredictedLabels { get; }

    /// <summary>True when any numeric column (or numeric output) saw more values than the cap.</summary>
    public bool Sampled => _numeric.Any(c => c.Sampled) || PredictedValues?.Sampled == true;

    public NumericWindowColumn NumericColumn(string name) =>
        _numeric.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"'{name}' is not a numeric feature.");

    public CategoricalWindowColumn CategoricalColumn(string name) =>
        _categorical.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"'{name}' is not a categorical feature.");

    /// <summary>Adds one logged row: its inputs by feature name (absent means missing) and its output.</summary>
    public void Add(LoggedPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        Rows++;
        CollectionsMarshal.GetValueRefOrAddDefault(_rowsByVersion, prediction.Version, out _)++;
        JsonElement inputs = prediction.Inputs;
        foreach (NumericWindowColumn column in _numeric)
        {
            column.Add(inputs.TryGetProperty(column.Name, out JsonElement value) ? value : default);
        }

        foreach (CategoricalWindowColumn column in _categorical)
        {
            column.Add(inputs.TryGetProperty(column.Name, out JsonElement value) ? value : default);
        }

        if (OutputVersion is int version && prediction.Version != version)
        {
            return;
        }

        LoggedOutput output = prediction.Prediction;
        switch (Layout.Task)
        {
            case ModelTask.Binary:
                PredictedValues!.Add(output.Probability ?? double.NaN);
                break;
            case ModelTask.Regression:
                PredictedValues!.Add(output.Score);
                break;
            default:
                PredictedLabels!.Add(output.Label);
                break;
        }
    }

    /// <summary>
    /// Adds one row of typed values in the layout's feature order (NaN or null for missing), for callers that already
    /// hold parsed rows (batch scoring, tests, benchmarks); outputs are not part of such rows.
    /// </summary>
    public void AddRow(ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical)
    {
        if (numeric.Length != _numeric.Length || categorical.Length != _categorical.Length)
        {
            throw new ArgumentException($"Expected {_numeric.Length} numeric and {_categorical.Length} categorical values, got {numeric.Length} and {categorical.Length}.");
        }

        Rows++;
        for (int i = 0; i < numeric.Length; i++)
        {
            _numeric[i].Add(numeric[i]);
        }

        for (int i = 0; i < categorical.Length; i++)
        {
            _categorical[i].Add(categorical[i]);
        }
    }
}
