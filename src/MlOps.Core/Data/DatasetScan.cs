namespace MlOps.Core.Data;

/// <summary>The first pass over a dataset: its header, each row's label class (or -1 when missing) and per-column facts.</summary>
public sealed record DatasetScan(
    IReadOnlyList<string> Header,
    int LabelIndex,
    int[] LabelClasses,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<ColumnScan> Columns)
{
    public long Rows => LabelClasses.Length;

    public long LabelledRows => LabelClasses.Count(c => c >= 0);
}
