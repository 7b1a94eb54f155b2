namespace MlOps.Core.Training;

/// <summary>Column names inside training pipelines: the mapped label and the assembled feature vector.</summary>
public static class TrainingColumns
{
    public const string Label = "Label";
    public const string Features = "Features";
}
