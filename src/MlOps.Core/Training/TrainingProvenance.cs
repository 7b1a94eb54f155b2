using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// What a training ran with, so it can be repeated: the trainer and every option it used (defaults included), the
/// seed and folds, the featurization settings, class weights and threshold rule, package and runtime versions, and this code's version (the
/// MlOps.Core informational version, which carries the source commit).
/// </summary>
public sealed record TrainingProvenance
{
    public required string Trainer { get; init; }

    public required IReadOnlyDictionary<string, double> TrainerOptions { get; init; }

    public int Seed { get; init; }

    public int Folds { get; init; }

    public FeaturizationSpec Featurization { get; init; } = new();

    public ClassWeighting ClassWeights { get; init; }

    /// <summary>Binary: the spec's threshold rule (the threshold it gave is on the candidate and the version).</summary>
    public ThresholdSpec? Threshold { get; init; }

    public required IReadOnlyDictionary<string, string> Packages { get; init; }

    public required string DotNetVersion { get; init; }

    public required string OperatingSystem { get; init; }

    public required string CodeVersion { get; init; }

    /// <summary>The provenance of training <paramref name="candidate"/> for a task under the spec's training settings.</summary>
    /// <exception cref="ArgumentException">The trainer or a parameter is unknown or invalid.</exception>
    public static TrainingProvenance For(CandidateSpec candidate, ModelTask task, TrainingSpec training)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(training);
        return new TrainingProvenance
        {
            Trainer = candidate.Trainer,
            TrainerOptions = TrainerCatalog.Find(candidate.Trainer, task).Resolve(candidate.Parameters),
            Seed = training.Seed,
            Folds = training.Folds,
            Featurization = training.Featurization,
            ClassWeights = training.ClassWeights,
            Threshold = task == ModelTask.Binary ? training.Threshold ?? ThresholdSpec.Default : null,
            Packages = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["Microsoft.ML"] = VersionOf(typeof(MLContext).Assembly),
                ["Microsoft.ML.FastTree"] = VersionOf(typeof(FastTreeBinaryTrainer).Assembly),
                ["Microsoft.ML.LightGbm"] = VersionOf(typeof(LightGbmBinaryTrainer).Assembly),
            },
            DotNetVersion = RuntimeInformation.FrameworkDescription,
            OperatingSystem = RuntimeInformation.OSDescription + " " + RuntimeInformation.ProcessArchitecture,
            CodeVersion = VersionOf(typeof(TrainingProvenance).Assembly),
        };
    }

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
}
