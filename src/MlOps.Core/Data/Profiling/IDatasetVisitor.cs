namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Receives one pass of a <see cref="IDatasetSource"/>: each wanted value classified as missing, a finite number, or
/// other text. Calls for different columns may come in any order (row by row for CSV, column by column for Parquet);
/// within a column they come in row order.
/// </summary>
public interface IDatasetVisitor
{
    void OnColumns(IReadOnlyList<string> names);

    /// <summary>False lets the source skip parsing the column in this pass.</summary>
    bool WantsColumn(int column);

    void OnMissing(int column);

    /// <summary>A finite number; <paramref name="text"/> is its spelling in the file, empty for typed sources.</summary>
    void OnNumber(int column, double value, ReadOnlySpan<byte> text);

    /// <summary>
    /// Finite numbers of one column, in row order, with no spellings (replayed or typed values): one
    /// <see cref="OnNumber"/> each unless a visitor takes them as a block, which spares a call per value.
    /// </summary>
    void OnNumbers(int column, ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            OnNumber(column, value, []);
        }
    }

    /// <summary>A non-missing value that is not a finite number, as valid UTF-8.</summary>
    void OnText(int column, ReadOnlySpan<byte> utf8);

    /// <summary>Reports rows completed since the last call.</summary>
    void OnRows(long count);
}
