using System.Text;
using MlOps.Core.Data.Csv;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// How the split pass's parser treats each field, fixed by the layout: the class label is written as its class name
/// (<see cref="Unclassified"/>: only its bytes are kept), numeric features and a regression target as numbers, every
/// other field as text; whether a record may be copied whole when every field is already written as it stands; and
/// which fields must be looked at to know that (<see cref="Examined"/>).
/// </summary>
internal sealed class SplitFieldPlan
{
    private readonly byte[][] _classNames;
    private readonly int[] _rowClasses;

    /// <param name="copyRecords">Whether the source's delimiter is the comma of the split files.</param>
    /// <param name="spellings">
    /// What the profiler's scan of the same file learned of each column's spellings: a column whose every value is
    /// written as it stands in its role needs no look per record. Null: every field is looked at.
    /// </param>
    public SplitFieldPlan(FeatureLayout layout, IReadOnlyList<string> classNames, int[] rowClasses, bool copyRecords, CsvColumnSpellings? spellings = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Unclassified = layout.Task == ModelTask.Regression ? -1 : layout.IndexOf(layout.Label);
        WrittenAsNumber = new bool[layout.Columns.Count];
        foreach (string column in layout.NumericFeatures.Append(layout.Task == ModelTask.Regression ? layout.Label : null).OfType<string>())
        {
            WrittenAsNumber[layout.IndexOf(column)] = true;
        }

        _classNames = [.. classNames.Select(Encoding.UTF8.GetBytes)];
        _rowClasses = rowClasses;

        // Personal data the spec drops or hashes is written as missing, so no record with such a column is copied whole.
        CopyRecords = copyRecords && !layout.Columns.Any(layout.Pii.ContainsKey);

        // The writer reads the categorical features of a record it copies whole (for the leakage check).
        var categorical = layout.CategoricalFeatures.Select(layout.IndexOf).ToHashSet();
        bool known = spellings is not null && spellings.Count == layout.Columns.Count;
        Examined = [.. Enumerable.Range(0, layout.Columns.Count).Where(i =>
            !known || i == Unclassified || categorical.Contains(i) || !(WrittenAsNumber[i] ? spellings!.AllAsNumbers(i) : spellings!.AllAsText(i)))];
    }

    /// <summary>The class label's column (-1 for regression).</summary>
    public int Unclassified { get; }

    public bool[] WrittenAsNumber { get; }

    public bool CopyRecords { get; }

    /// <summary>
    /// The fields of an unquoted record to look at, in order, to tell whether it is copied whole: the others are known
    /// to be written as they stand in every record.
    /// </summary>
    public int[] Examined { get; }

    /// <summary>The class name that a row's label is written as (empty for regression).</summary>
    public ReadOnlySpan<byte> LabelOf(long row) => Unclassified < 0 ? [] : _classNames[_rowClasses[row]];
}
