namespace MlOps.Core.Serving;

/// <summary>What a regression model's prediction engine answers for one row.</summary>
public sealed class RegressionScore
{
    public float Score { get; set; }
}
