using System.Text.Json.Serialization;
using MlOps.Core.Evaluation.Metrics;

namespace MlOps.Core.Specs;

/// <summary>The search space (trainers and their hyperparameter grids), how candidates are compared, and the budget.</summary>
public sealed record TrainingSpec
{
    /// <summary>Trainers to try; the task's default set when empty.</summary>
    public List<TrainerSpec> Trainers { get; init; } = [];

    /// <summary>
    /// The validation metric candidates are ranked by, and the one the gate compares with production; the task's
    /// default (<see cref="MetricNames.DefaultSelection"/>) when empty. Equal candidates are told apart by
    /// <see cref="MetricNames.TieBreakerFor"/>. A name stored before metrics took today's names is read as today's.
    /// </summary>
    public string? SelectionMetric { get; init => field = value is null ? null : MetricNames.Canonical(value); }

    /// <summary>The earlier name of <see cref="SelectionMetric"/>, still read from stored specs; never written.</summary>
    [Obsolete("Read from stored specs as SelectionMetric; use SelectionMetric.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PrimaryMetric
    {
        get => null;
        init => SelectionMetric ??= value;
    }

    /// <summary>0: compare on the validation split; k ≥ 2: k-fold cross-validation over train + validation.</summary>
    public int Folds { get; init; }

    /// <summary>At most this many candidates (trainer × grid point) are trained; the grid is cut in a seeded order.</summary>
    public int MaxCandidates { get; init; } = 8;

    /// <summary>
    /// The search's time budget, from the start of training. Candidates start in waves of <see cref="MaxParallel"/>;
    /// a wave does not start when the time spent plus the wave's projected time (the finished waves' mean) would pass
    /// this, and candidates not started are skipped; one still training at the deadline is stopped (recorded as
    /// failed), so the search ends within it.
    /// </summary>
    public TimeSpan MaxWallTime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many candidates train at once (a wave). Before each wave after the first, the run's spending plus the
    /// wave's projected cost is held against budget.perRun, and its time against <see cref="MaxWallTime"/>.
    /// </summary>
    public int MaxParallel { get; init; } = 4;

    public int Seed { get; init; } = 42;

    public FeaturizationSpec Featurization { get; init; } = new();

    /// <summary>Binary only: the decision threshold, fixed or chosen on the validation rows; 0.5 when empty.</summary>
    public ThresholdSpec? Threshold { get; init; }

    /// <summary>Classification only: how training rows are weighted by class (trainers that take example weights).</summary>
    public ClassWeighting ClassWeights { get; init; } = ClassWeighting.None;
}
