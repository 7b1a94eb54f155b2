namespace MlOps.Core.Monitoring.Log;

/// <summary>
/// A logged answer, read from the serialized <see cref="Serving.Prediction"/> without depending on its exact shape:
/// binary has a label, a score and the positive-class probability; multiclass the most probable label and, when
/// serving logs them, every class's probability; regression the value as <see cref="Score"/>.
/// </summary>
public sealed record LoggedOutput
{
    public string? Label { get; init; }

    public double Score { get; init; }

    public double? Probability { get; init; }

    /// <summary>Class name → probability (multiclass), when the log has it.</summary>
    public IReadOnlyDictionary<string, double>? Probabilities { get; init; }
}
