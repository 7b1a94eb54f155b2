namespace MlOps.Core.Data.Profiling;

/// <summary>
/// A dataset described column by column: the reference that training featurises from and that drift monitoring
/// compares live data against. Serialise with <see cref="DatasetProfileJson"/>. <see cref="Passes"/> counts the
/// passes over the data, <see cref="SourceScans"/> those that read the source itself (the others replayed the
/// numbers spilled by the first).
/// </summary>
public sealed record DatasetProfile(string SourceName, long RowCount, int Passes, int SourceScans, IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>The column named <paramref name="name"/> (ordinal match).</summary>
    public ColumnProfile Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"The profile has no column '{name}'.");

    /// <summary>The profile without the numeric columns' reservoir samples: what a person reads, a small fraction of the size.</summary>
    public DatasetProfile WithoutSamples() =>
        this with { Columns = [.. Columns.Select(c => c.Numeric is null ? c : c with { Numeric = c.Numeric with { Sample = [] } })] };
}
