namespace MlOps.Core.Data.Profiling;

/// <summary>
/// The part of a <see cref="DatasetProfile"/> that the profiler knows before its exact statistics (see
/// <see cref="ProfilingRun"/>): enough to check the data's contract and choose the features.
/// </summary>
public sealed record DatasetSummary(long RowCount, IReadOnlyList<ColumnSummary> Columns)
{
    public static DatasetSummary Of(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new DatasetSummary(profile.RowCount, [.. profile.Columns.Select(ColumnSummary.Of)]);
    }

    /// <summary>The column named <paramref name="name"/> (ordinal match).</summary>
    public ColumnSummary Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"The summary has no column '{name}'.");
}
