namespace MlOps.Core.Evaluation;

/// <summary>Whether a challenger may replace production, with the evidence: both metric sets, the deltas, the rule applied.</summary>
public sealed record GateDecision
{
    public bool Passed { get; init; }

    public required string PrimaryMetric { get; init; }

    public required string Rule { get; init; }

    public List<string> Reasons { get; init; } = [];

    public Dictionary<string, double> Challenger { get; init; } = [];

    public int? ChampionVersion { get; init; }

    public Dictionary<string, double>? Champion { get; init; }

    public Dictionary<string, double>? Deltas { get; init; }
}
