namespace MlOps.Core.Specs;

/// <summary>
/// A model's pipeline contract: what to learn, from which columns, how to split, train, gate and deploy.
/// Stored per model (versioned) and read from pipeline.json beside the data or set over HTTP.
/// </summary>
public sealed record PipelineSpec
{
    public ModelTask Task { get; init; } = ModelTask.Binary;

    public string Label { get; init; } = string.Empty;

    /// <summary>The label value treated as positive in a binary task; the minority class when omitted.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>Columns never used as features (ids, timestamps, leakage).</summary>
    public List<string> Ignore { get; init; } = [];

    public SplitSpec Split { get; init; } = new();

    public TrainingSpec Training { get; init; } = new();

    public GateSpec Gates { get; init; } = new();

    public DeploymentSpec Deployment { get; init; } = new();
}
