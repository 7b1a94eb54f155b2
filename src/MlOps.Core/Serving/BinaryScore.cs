namespace MlOps.Core.Serving;

/// <summary>What a binary classifier's prediction engine answers for one row.</summary>
public sealed class BinaryScore
{
    public float Score { get; set; }

    public float Probability { get; set; }
}
