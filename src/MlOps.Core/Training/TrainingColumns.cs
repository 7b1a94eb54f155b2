namespace MlOps.Core.Training;

/// <summary>Column names inside training pipelines: the mapped label, the assembled feature vector and the example weight.</summary>
public static class TrainingColumns
{
    public const string Label = "Label";
    public const string Features = "Features";
    public const string Weight = "Weight";
}
