namespace MlOps.Core.Specs;

/// <summary>Checks the values of a parsed spec; throws <see cref="PipelineSpecException"/> naming the first bad field.</summary>
public static class PipelineSpecValidator
{
    private static readonly string[] KnownTrainers = ["FastTree"];

    public static void Validate(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Label))
        {
            throw new PipelineSpecException("label", "is required: name the column to predict");
        }

        if (spec.Split.Test is <= 0 or >= 1)
        {
            throw new PipelineSpecException("split.test", $"must be between 0 and 1 (exclusive), got {spec.Split.Test}");
        }

        if (spec.Split.Validation is < 0 or >= 1)
        {
            throw new PipelineSpecException("split.validation", $"must be between 0 (inclusive) and 1, got {spec.Split.Validation}");
        }

        if (spec.Split.Test + spec.Split.Validation >= 0.9)
        {
            throw new PipelineSpecException("split", "leaves less than 10% of the rows for training");
        }

        if (spec.Training.Trainers.Count == 0)
        {
            throw new PipelineSpecException("training.trainers", "must name at least one trainer");
        }

        for (int i = 0; i < spec.Training.Trainers.Count; i++)
        {
            string name = spec.Training.Trainers[i].Name;
            if (!KnownTrainers.Contains(name, StringComparer.Ordinal))
            {
                throw new PipelineSpecException($"training.trainers[{i}].name", $"'{name}' is not a known trainer ({string.Join(", ", KnownTrainers)})");
            }
        }

        if (spec.Gates.MinimumImprovement < 0)
        {
            throw new PipelineSpecException("gates.minimumImprovement", "must not be negative");
        }

        if (spec.Deployment.ApprovalTimeout <= TimeSpan.Zero)
        {
            throw new PipelineSpecException("deployment.approvalTimeout", "must be positive");
        }

        if (spec.Ignore.Contains(spec.Label, StringComparer.Ordinal))
        {
            throw new PipelineSpecException("ignore", $"lists the label column '{spec.Label}'");
        }
    }
}
