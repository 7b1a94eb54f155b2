using System.ComponentModel.DataAnnotations;

namespace MlOps.Core.Cost.Recommendations;

/// <summary>What the recommendations look at and when a pattern is worth a recommendation (section <c>Recommendations</c>).</summary>
public sealed class RecommendationOptions
{
    public const string SectionName = "Recommendations";

    /// <summary>The ledger history looked at; savings are this window's spending scaled to 30 days.</summary>
    [Range(1, 365)]
    public int WindowDays { get; set; } = 30;

    /// <summary>A trainer that won at most this share of the runs it was tried in "rarely wins".</summary>
    [Range(0.0, 1.0)]
    public double RarelyWinsShare { get; set; } = 0.25;

    /// <summary>... and is worth dropping when it took at least this share of the training cost.</summary>
    [Range(0.0, 1.0)]
    public double MostOfTheCostShare { get; set; } = 0.4;

    /// <summary>Versions and aliases without predictions for this many days are idle.</summary>
    [Range(1, 365)]
    public int IdleDays { get; set; } = 14;

    /// <summary>Memory kept free above the measured peak when a smaller instance is suggested.</summary>
    [Range(1.0, 4.0)]
    public double MemoryHeadroom { get; set; } = 1.5;
}
