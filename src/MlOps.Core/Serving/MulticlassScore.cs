namespace MlOps.Core.Serving;

/// <summary>What a multiclass classifier's prediction engine answers for one row: a probability per class, in the layout's class order.</summary>
public sealed class MulticlassScore
{
#pragma warning disable CA1819 // ML.NET binds vector columns to array properties.
    public float[] Score { get; set; } = [];
#pragma warning restore CA1819
}
