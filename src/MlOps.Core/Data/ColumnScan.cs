namespace MlOps.Core.Data;

/// <summary>What one pass learned about a column: how many values were present, numeric, and how many distinct texts.</summary>
public sealed class ColumnScan
{
    public const int DistinctCap = 10_000;

    public ColumnScan(string name) => Name = name;

    public string Name { get; }

    public long Present { get; set; }

    public long Missing { get; set; }

    public long Numeric { get; set; }

    public HashSet<string> Distinct { get; } = new(StringComparer.Ordinal);

    public bool DistinctCapped { get; set; }

    /// <summary>Numeric when at least 99% of the present values parse as numbers; the rest count as type errors.</summary>
    public bool IsNumeric => Numeric > 0 && Numeric >= 0.99 * Present;
}
