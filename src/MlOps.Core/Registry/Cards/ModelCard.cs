using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Specs;

namespace MlOps.Core.Registry.Cards;

/// <summary>
/// What a model version is, in one document: the data it learned from, the choices behind it, how good it is, what the
/// checks found wrong with it and who moved it where. Composed on request from the stored records (the version, its
/// run, spec version, validation report, drift reports and promotion history), so it never goes stale and costs no storage.
/// </summary>
public sealed record ModelCard
{
    public required string Model { get; init; }

    public int Version { get; init; }

    public ModelTask? Task { get; init; }

    public string? Label { get; init; }

    public required string RunId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string Sha256 { get; init; }

    public required ModelCardData Data { get; init; }

    public required ModelCardTraining Training { get; init; }

    public required ModelCardEvaluation Evaluation { get; init; }

    /// <summary>What the checks found that a user of this version should know: overfitting, imbalance and other data warnings, drift.</summary>
    public IReadOnlyList<ModelCardLimitation> Limitations { get; init; } = [];

    /// <summary>Drift reports about this version, newest first.</summary>
    public IReadOnlyList<DriftReportSummary> DriftHistory { get; init; } = [];

    /// <summary>The gate's decision and, if it waited for one, the approval: the run's final status and reason.</summary>
    public ModelCardDecision? Decision { get; init; }

    /// <summary>Promotions that moved an alias to or from this version (with who and why), newest first.</summary>
    public IReadOnlyList<PromotionRecord> Promotions { get; init; } = [];
}
