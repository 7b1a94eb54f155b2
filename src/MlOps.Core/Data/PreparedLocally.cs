using MlOps.Core.Data.Profiling;
using MlOps.Core.Data.Validation;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>What preparing a local file produced: the validation report always; the profile, layout and split files when it passed.</summary>
public sealed record PreparedLocally(ValidationReport Report, DatasetProfile? Profile, FeatureLayout? Layout, IReadOnlyList<string> SplitFiles, IReadOnlyList<long> SplitRows)
{
    /// <summary>How long each phase took (zero for a phase that did not run).</summary>
    public PreparePhases Phases { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}
