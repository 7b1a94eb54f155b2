namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A visitor that takes a parsed batch's values of one column at once: the profiler's first pass and the observers
/// riding along on it see every value of a large CSV, and a call per value through the tee that joins them cost more
/// than the work they do per value.
/// </summary>
internal interface IColumnBatchVisitor
{
    /// <summary>
    /// Whether calls for different columns may come at the same time from different threads (each column's calls still
    /// one at a time, in row order, and <see cref="IDatasetVisitor.OnRows"/> only once every column's values of those rows
    /// were handed over). A visitor that says so keeps its state per column, or guards what the columns share.
    /// </summary>
    bool TakesColumnsConcurrently => false;

    /// <summary>The values of source column <paramref name="column"/>, batch column <paramref name="batchColumn"/>, in row order.</summary>
    void OnColumnBatch(int column, CsvValueBatch batch, int batchColumn);
}
