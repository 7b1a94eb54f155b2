using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// The candidates a spec asks for: each listed trainer's fixed parameters crossed with every point of its search
/// grid, or the task's default set when the spec lists no trainers.
/// </summary>
public static class SearchSpace
{
    /// <summary>
    /// Candidates in a deterministic order: trainers as listed, grid points in ordinal order of the parameter names
    /// with the last name varying fastest; duplicates dropped. A grid larger than MaxCandidates is cut to a subset
    /// drawn with the spec's seed (keeping that order); the default set is already in priority order and is cut from
    /// the end.
    /// </summary>
    /// <exception cref="ArgumentException">A trainer unknown for the task, an unknown parameter, an empty or invalid grid value; the message names it.</exception>
    public static IReadOnlyList<CandidateSpec> Enumerate(TrainingSpec training, ModelTask task)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Trainers.Count == 0)
        {
            return [.. DefaultCandidates.For(task).Take(training.MaxCandidates)];
        }

        var candidates = new List<CandidateSpec>();
        foreach (TrainerSpec trainer in training.Trainers)
        {
            TrainerDefinition definition = TrainerCatalog.Find(trainer.Name, task);
            foreach (Dictionary<string, double> point in GridPoints(trainer))
            {
                definition.Resolve(point);
                var candidate = new CandidateSpec(trainer.Name, point);
                if (!candidates.Contains(candidate))
                {
                    candidates.Add(candidate);
                }
            }
        }

        return candidates.Count <= training.MaxCandidates ? candidates : SeededSubset(candidates, training.MaxCandidates, training.Seed);
    }

    /// <summary>The trainers a spec may name for the task.</summary>
    public static IReadOnlyList<string> KnownTrainers(ModelTask task) =>
        [.. TrainerCatalog.All.Where(t => t.Tasks.Contains(task)).Select(t => t.Name)];

    /// <summary>The hyperparameters a trainer accepts, by camelCase name.</summary>
    /// <exception cref="ArgumentException">The trainer is unknown.</exception>
    public static IReadOnlyList<string> KnownParameters(string trainer) =>
        [.. Parameters(trainer).Select(p => p.Name)];

    /// <summary>The hyperparameters a trainer accepts with their defaults and valid ranges.</summary>
    /// <exception cref="ArgumentException">The trainer is unknown.</exception>
    public static IReadOnlyList<TrainerParameter> Parameters(string trainer) =>
        (TrainerCatalog.All.FirstOrDefault(t => t.Name == trainer)
            ?? throw new ArgumentException($"Unknown trainer '{trainer}' (known: {string.Join(", ", TrainerCatalog.All.Select(t => t.Name))}).")).Parameters;

    private static IEnumerable<Dictionary<string, double>> GridPoints(TrainerSpec trainer)
    {
        foreach ((string name, List<double> values) in trainer.Search)
        {
            if (values.Count == 0)
            {
                throw new ArgumentException($"Search grid '{name}' of trainer '{trainer.Name}' has no values.");
            }

            if (trainer.Parameters.ContainsKey(name))
            {
                throw new ArgumentException($"Parameter '{name}' of trainer '{trainer.Name}' is both fixed and searched.");
            }
        }

        IEnumerable<Dictionary<string, double>> points = [new Dictionary<string, double>(trainer.Parameters, StringComparer.Ordinal)];
        foreach ((string name, List<double> values) in trainer.Search.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            points = points.SelectMany(point => values.Select(value => new Dictionary<string, double>(point, StringComparer.Ordinal) { [name] = value }));
        }

        return points;
    }

    private static List<CandidateSpec> SeededSubset(List<CandidateSpec> candidates, int count, int seed)
    {
        int[] order = [.. Enumerable.Range(0, candidates.Count)];
        new Random(seed).Shuffle(order);
        return [.. order.Take(count).Order().Select(i => candidates[i])];
    }
}
