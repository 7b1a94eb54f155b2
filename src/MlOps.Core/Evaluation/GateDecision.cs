namespace MlOps.Core.Evaluation;

/// <summary>Whether a challenger may replace production, with the evidence: both metric sets, the deltas, the overfit check, the serving cost, the rule applied.</summary>
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

    /// <summary>Why production could not be scored on the challenger's test split (it exists, but cannot read these rows or its artifact was refused).</summary>
    public string? ChampionProblem { get; init; }

    /// <summary>How the challenger's schema differs from production's; empty when it matches (or there is no production).</summary>
    public IReadOnlyList<string> SchemaChanges { get; init; } = [];

    /// <summary>The train/test gap evidence, when the caller checked it.</summary>
    public OverfitAssessment? Overfit { get; init; }

    /// <summary>Serving cost of challenger and champion on the same test rows, and the gain per extra dollar, when measured.</summary>
    public ServingCostEvidence? ServingCost { get; init; }
}
