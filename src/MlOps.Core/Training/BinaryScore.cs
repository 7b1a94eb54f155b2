namespace MlOps.Core.Training;

/// <summary>What a binary classifier answers for one row.</summary>
public sealed class BinaryScore
{
    public bool PredictedLabel { get; set; }

    public float Score { get; set; }

    public float Probability { get; set; }
}
