using System.Globalization;
using MlOps.Core.Cost;

namespace MlOps.Core.Evaluation;

/// <summary>
/// What serving the challenger would cost against the champion, measured scoring the same test rows: per 1,000
/// predictions (memory-time at the price sheet's instance memory, plus one execution per request of the observed
/// size), the increase as a share, and what the primary metric's gain costs per month at the model's observed traffic.
/// </summary>
public sealed record ServingCostEvidence
{
    public required string Currency { get; init; }

    public required string PriceSheetVersion { get; init; }

    public double ChallengerMsPerRow { get; init; }

    public double? ChampionMsPerRow { get; init; }

    public double ChallengerPer1000 { get; init; }

    public double? ChampionPer1000 { get; init; }

    /// <summary>Challenger over champion per 1,000 predictions, minus one (0.25 = 25 % more).</summary>
    public double? Increase { get; init; }

    /// <summary>Rows per request the serving ledger observed (1 without traffic), which sets how many executions 1,000 predictions take.</summary>
    public double RowsPerRequest { get; init; } = 1;

    /// <summary>Predictions in the last 30 days, extrapolated to 30 days when the model has served for less.</summary>
    public double PredictionsPerMonth { get; init; }

    /// <summary>What the challenger adds to serving per million predictions (negative when it is cheaper).</summary>
    public double? ExtraPerMillion { get; init; }

    /// <summary><see cref="ExtraPerMillion"/> at <see cref="PredictionsPerMonth"/>.</summary>
    public double? ExtraPerMonth { get; init; }

    /// <summary>The primary metric's improvement per extra dollar per month; null when the challenger costs no more or nobody calls the model.</summary>
    public double? GainPerDollar { get; init; }

    /// <summary>Prices measured times per row with a sheet, and relates the cost difference to the metric's improvement.</summary>
    public static ServingCostEvidence Price(
        PriceSheet sheet, double challengerMsPerRow, double? championMsPerRow, double rowsPerRequest, double predictionsPerMonth, double? improvement)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        rowsPerRequest = Math.Max(1, rowsPerRequest);
        double memoryGb = sheet.Billing.BilledMemoryGb(sheet.InstanceMemoryMb, 0);
        double Per1000(double msPerRow) =>
            msPerRow * memoryGb * sheet.ExecutionTime.UnitPrice + (1000 / rowsPerRequest) * sheet.Executions.UnitPrice;
        double challenger = Per1000(challengerMsPerRow);
        double? champion = championMsPerRow is double c ? Per1000(c) : null;
        double? extraPerMillion = champion is double champ ? (challenger - champ) * 1000 : null;
        double? extraPerMonth = extraPerMillion * predictionsPerMonth / 1_000_000;
        return new ServingCostEvidence
        {
            Currency = sheet.Currency, PriceSheetVersion = sheet.Version, ChallengerMsPerRow = challengerMsPerRow, ChampionMsPerRow = championMsPerRow,
            ChallengerPer1000 = challenger, ChampionPer1000 = champion, Increase = champion is > 0 ? challenger / champion - 1 : null,
            RowsPerRequest = rowsPerRequest, PredictionsPerMonth = predictionsPerMonth, ExtraPerMillion = extraPerMillion, ExtraPerMonth = extraPerMonth,
            GainPerDollar = extraPerMonth is > 0 && improvement is double gain ? gain / extraPerMonth : null,
        };
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"serving {ChallengerPer1000:G4} {Currency} per 1,000 predictions vs production's {ChampionPer1000:G4} ({Increase:+0.0%;-0.0%}) measured on the same test rows");
}
