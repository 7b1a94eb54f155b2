using System.Text;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// How the split pass's parser treats each field, fixed by the layout: the class label is written as its class name
/// (<see cref="Unclassified"/>: only its bytes are kept), numeric features and a regression target as numbers, every
/// other field as text; and whether a record may be copied whole when every field is already written as it stands.
/// </summary>
internal sealed class SplitFieldPlan
{
    private readonly byte[][] _classNames;
    private readonly int[] _rowClasses;

    /// <param name="copyRecords">Whether the source's delimiter is the comma of the split files.</param>
    public SplitFieldPlan(FeatureLayout layout, IReadOnlyList<string> classNames, int[] rowClasses, bool copyRecords)
    {
        Unclassified = layout.Task == ModelTask.Regression ? -1 : layout.IndexOf(layout.Label);
        WrittenAsNumber = new bool[layout.Columns.Count];
        foreach (string column in layout.NumericFeatures.Append(layout.Task == ModelTask.Regression ? layout.Label : null).OfType<string>())
        {
            WrittenAsNumber[layout.IndexOf(column)] = true;
        }

        _classNames = [.. classNames.Select(Encoding.UTF8.GetBytes)];
        _rowClasses = rowClasses;
        CopyRecords = copyRecords;
    }

    /// <summary>The class label's column (-1 for regression).</summary>
    public int Unclassified { get; }

    public bool[] WrittenAsNumber { get; }

    public bool CopyRecords { get; }

    /// <summary>The class name that a row's label is written as (empty for regression).</summary>
    public ReadOnlySpan<byte> LabelOf(long row) => Unclassified < 0 ? [] : _classNames[_rowClasses[row]];
}
