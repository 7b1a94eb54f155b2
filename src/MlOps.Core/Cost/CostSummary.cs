namespace MlOps.Core.Cost;

/// <summary>Costs of a set of ledger rows: the total and its split by stage, in one currency.</summary>
public sealed record CostSummary
{
    public double Total { get; init; }

    public required string Currency { get; init; }

    public Dictionary<string, double> ByStage { get; init; } = [];

    /// <summary>The price sheets the rows were priced with.</summary>
    public List<string> PriceSheetVersions { get; init; } = [];

    public static CostSummary Of(IEnumerable<CostLedgerEntry> entries, string currency)
    {
        var rows = entries.ToList();
        return new CostSummary
        {
            Total = rows.Sum(e => e.Cost.Total),
            Currency = rows.FirstOrDefault()?.Currency ?? currency,
            ByStage = rows.GroupBy(e => e.Stage).OrderBy(g => StageOrder(g.Key)).ToDictionary(g => g.Key, g => g.Sum(e => e.Cost.Total)),
            PriceSheetVersions = [.. rows.Select(e => e.PriceSheetVersion).Distinct().Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>Pipeline order for the stages of a run, then the rest alphabetically.</summary>
    public static int StageOrder(string stage) => Array.IndexOf(Order, stage) is int i and >= 0 ? i : Order.Length;

    private static readonly string[] Order =
    [
        CostStages.Ingest, CostStages.Train, CostStages.Evaluate, CostStages.Deploy, CostStages.Promote, CostStages.Orchestration,
        CostStages.Monitor, CostStages.Serving, CostStages.Scoring, CostStages.Overhead,
    ];
}
