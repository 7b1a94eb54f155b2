namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A dataset described column by column: the reference that training featurises from and that drift monitoring
/// compares live data against. Serialise with <see cref="DatasetProfileJson"/>.
/// </summary>
public sealed record DatasetProfile(string SourceName, long RowCount, int Passes, IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>The column named <paramref name="name"/> (ordinal match).</summary>
    public ColumnProfile Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"The profile has no column '{name}'.");
}
