namespace MlOps.Core.Data.Profiling;

/// <summary>A further pass feeding the columns that still need data; other columns are not even parsed.</summary>
internal sealed class RefinementPass(IReadOnlyList<ColumnProfileBuilder> columns, long expectedRows, string sourceName) : IDatasetVisitor
{
    private readonly bool[] _wanted = [.. columns.Select(c => c.WantsPass)];
    private long _rows;

    public bool IsNeeded => _wanted.Any(w => w);

    public void OnColumns(IReadOnlyList<string> names)
    {
        if (names.Count != columns.Count)
        {
            throw new InvalidOperationException($"{sourceName} changed between profiling passes (its columns differ).");
        }
    }

    public bool WantsColumn(int column) => _wanted[column];

    public void OnMissing(int column)
    {
    }

    public void OnNumber(int column, double value, ReadOnlySpan<byte> text) => columns[column].OnNumber(value, text);

    public void OnNumbers(int column, ReadOnlySpan<double> values) => columns[column].OnNumbers(values);

    public void OnText(int column, ReadOnlySpan<byte> utf8) => columns[column].OnText(utf8);

    public void OnRows(long count) => _rows += count;

    public void Finish()
    {
        if (_rows != expectedRows)
        {
            throw new InvalidOperationException($"{sourceName} changed between profiling passes ({expectedRows} rows, then {_rows}).");
        }

        for (int i = 0; i < columns.Count; i++)
        {
            if (_wanted[i])
            {
                columns[i].FinishPass();
            }
        }
    }
}
