using MlOps.Core.Data.Csv;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>Packs CSV records for batch scoring: columns found by header name; missing or unparsable numbers become missing values.</summary>
public sealed class CsvRowPacker
{
    private readonly FeatureLayout _layout;
    private readonly int[] _numeric;
    private readonly int[] _categorical;
    private readonly int[] _text;

    /// <exception cref="PredictionInputException">The header lacks a feature column; the message names it.</exception>
    public CsvRowPacker(FeatureLayout layout, IReadOnlyList<string> header, string source)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(header);
        _layout = layout;
        int Find(string column)
        {
            for (int i = 0; i < header.Count; i++)
            {
                if (header[i] == column)
                {
                    return i;
                }
            }

            throw new PredictionInputException($"{source}: column '{column}' is missing; the model needs {string.Join(", ", layout.AllFeatures)}.");
        }

        _numeric = [.. layout.NumericFeatures.Select(Find)];
        _categorical = [.. layout.CategoricalFeatures.Select(Find)];
        _text = [.. layout.TextFeatures.Select(Find)];
    }

    /// <summary>Non-missing values that were not numbers in numeric columns (scored as missing).</summary>
    public long TypeErrors { get; private set; }

    public PackedRow Pack(CsvRecordReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var row = new PackedRow
        {
            Numeric = new float[_numeric.Length],
            Categorical = new string[_categorical.Length],
            Text = new string[_text.Length],
        };
        for (int f = 0; f < _numeric.Length; f++)
        {
            CsvValueKind kind = reader.Classify(_numeric[f], out double value, out _);
            if (kind == CsvValueKind.Text)
            {
                TypeErrors++;
            }

            row.Numeric[f] = kind == CsvValueKind.Number ? (float)value : float.NaN;
        }

        for (int f = 0; f < _categorical.Length; f++)
        {
            row.Categorical[f] = reader.IsMissing(_categorical[f]) ? string.Empty : reader.GetString(_categorical[f]);
        }

        for (int f = 0; f < _text.Length; f++)
        {
            row.Text[f] = reader.IsMissing(_text[f]) ? string.Empty : reader.GetString(_text[f]);
        }

        return row;
    }

    /// <summary>The output columns a prediction adds to each row, in order.</summary>
    public IReadOnlyList<string> PredictionColumns() => _layout.Task switch
    {
        Specs.ModelTask.Binary => ["predicted_label", "score", "probability", "model_version"],
        Specs.ModelTask.Multiclass => ["predicted_label", .. _layout.Classes.Select(c => "probability_" + c), "model_version"],
        _ => ["prediction", "model_version"],
    };
}
