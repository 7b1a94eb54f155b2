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

    /// <summary>Columns never used as features (ids, timestamps, leakage); shorthand for kind "ignore".</summary>
    public List<string> Ignore { get; init; } = [];

    /// <summary>The column contract: kinds by column name; columns not listed are inferred.</summary>
    public Dictionary<string, ColumnSpec> Columns { get; init; } = [];

    /// <summary>
    /// Per column, what to do with personal data: drop, hash or allow. A column the profiler finds personal data in
    /// and that is not named here fails validation, so personal data is never trained on or kept by default.
    /// </summary>
    public Dictionary<string, PiiAction> Pii { get; init; } = [];

    /// <summary>Field values meaning "missing"; the reader's defaults when empty.</summary>
    public List<string> MissingValues { get; init; } = [];

    public ValidationSpec Validation { get; init; } = new();

    public SplitSpec Split { get; init; } = new();

    public TrainingSpec Training { get; init; } = new();

    public GateSpec Gates { get; init; } = new();

    public DeploymentSpec Deployment { get; init; } = new();

    public MonitoringSpec Monitoring { get; init; } = new();

    public BudgetSpec Budget { get; init; } = new();
}
