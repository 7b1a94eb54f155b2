namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A table that can be scanned more than once (a file or blob reopened per pass), so the profiler can stream it
/// twice instead of holding it in memory.
/// </summary>
public interface IDatasetSource
{
    string Name { get; }

    /// <summary>One pass over every row, reporting each value the visitor wants.</summary>
    Task ScanAsync(IDatasetVisitor visitor, CancellationToken cancellationToken);
}
