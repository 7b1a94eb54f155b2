namespace MlOps.Core.Training;

/// <summary>
/// Where a LightGbm training's time went, for benchmarks and profiling. Filled in by the native LightGBM path
/// (<see cref="CandidateTrainer.NativeLightGbm"/>); a training that took ML.NET's own LightGbm trainer leaves it at zero,
/// since that trainer does all of it in one call.
/// </summary>
public sealed class TrainingPhaseTimes
{
    /// <summary>Fitting the featurization (imputation means, one-hot keys) and reading the featurized rows into LightGBM's matrix.</summary>
    public TimeSpan Featurization { get; set; }

    /// <summary>LightGBM's dataset construction from the matrix: sampling, bin boundaries, binning every row.</summary>
    public TimeSpan Dataset { get; set; }

    /// <summary>LightGBM's boosting rounds alone: the limit of any trainer built on it.</summary>
    public TimeSpan Boosting { get; set; }

    /// <summary>Saving the booster as model text and importing it as ML.NET's tree ensemble.</summary>
    public TimeSpan ModelImport { get; set; }
}
