using Microsoft.ML;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// One trainer of the catalog: the tasks it serves, its hyperparameters with defaults, whether its features must be
/// normalized (linear models, whose optimizers and regularization assume comparable scales), and how to build it.
/// </summary>
internal sealed record TrainerDefinition(
    string Name,
    IReadOnlyList<ModelTask> Tasks,
    IReadOnlyList<TrainerParameter> Parameters,
    bool NeedsNormalization,
    Func<TrainerSettings, IEstimator<ITransformer>> Create)
{
    /// <summary>The candidate's values over the defaults; unknown names and out-of-range values throw, naming them.</summary>
    public IReadOnlyDictionary<string, double> Resolve(IReadOnlyDictionary<string, double> given)
    {
        foreach (string name in given.Keys)
        {
            if (!Parameters.Any(p => p.Name == name))
            {
                throw new ArgumentException($"Trainer '{Name}' has no parameter '{name}' (known: {string.Join(", ", Parameters.Select(p => p.Name))}).");
            }
        }

        var resolved = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (TrainerParameter parameter in Parameters)
        {
            double value = given.TryGetValue(parameter.Name, out double set) ? set : parameter.Default;
            parameter.Check(Name, value);
            resolved[parameter.Name] = value;
        }

        return resolved;
    }
}
