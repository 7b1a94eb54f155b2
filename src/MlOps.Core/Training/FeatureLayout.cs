using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// How a prepared dataset maps onto the model's input: which CSV columns are numeric, categorical or text features,
/// which is the label and, for classification, its classes. Stored with the dataset version and with every model
/// version so serving builds exactly the rows the model was trained on.
/// </summary>
public sealed record FeatureLayout
{
    public ModelTask Task { get; init; }

    public required string Label { get; init; }

    /// <summary>The prepared CSV's header, in order.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    public required IReadOnlyList<string> NumericFeatures { get; init; }

    public IReadOnlyList<string> CategoricalFeatures { get; init; } = [];

    /// <summary>Free-text columns, featurized as word and character n-grams.</summary>
    public IReadOnlyList<string> TextFeatures { get; init; } = [];

    /// <summary>
    /// The numeric features that had missing values in the training data; each gets an indicator feature (when the
    /// spec asks for indicators). Empty means none had missing values: no indicators, though a value missing at
    /// serving time is still replaced by the training mean.
    /// </summary>
    public IReadOnlyList<string> NumericWithMissing { get; init; } = [];

    /// <summary>
    /// Distinct values per categorical feature in the training data (from the profile). Decides one-hot versus
    /// hashing; a categorical without an entry is one-hot encoded.
    /// </summary>
    public IReadOnlyDictionary<string, int> CategoricalCardinality { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Columns the spec drops or hashes as personal data: never features, empty in the prepared splits, and removed
    /// from (drop) or hashed in (hash) the inputs the prediction log stores.
    /// </summary>
    public IReadOnlyDictionary<string, PiiAction> Pii { get; init; } = new Dictionary<string, PiiAction>();

    /// <summary>Binary: the label value that counts as positive.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>Classification: every label value, in a fixed order (binary: negative then positive).</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public IEnumerable<string> AllFeatures => NumericFeatures.Concat(CategoricalFeatures).Concat(TextFeatures);

    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"Column '{column}' is not in the prepared data.");
    }
}
