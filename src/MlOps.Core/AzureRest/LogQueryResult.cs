namespace MlOps.Core.AzureRest;

/// <summary>
/// A Log Analytics query's answer. A query that failed part-way still answers 200 with the tables it could fill and
/// an error; <see cref="PartialError"/> carries it, so a caller can tell incomplete data from complete.
/// </summary>
public sealed record LogQueryResult(IReadOnlyList<LogTable> Tables, string? PartialError)
{
    public bool IsPartial => PartialError is not null;

    /// <summary>The first table (PrimaryResult), or an empty one when the answer had none.</summary>
    public LogTable Primary => Tables.Count > 0 ? Tables[0] : new LogTable("PrimaryResult", [], []);
}
