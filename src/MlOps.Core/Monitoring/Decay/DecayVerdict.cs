namespace MlOps.Core.Monitoring.Decay;

/// <summary>What a decay check concluded.</summary>
public enum DecayVerdict
{
    /// <summary>The live metric is within the allowed drop of the version's test metric.</summary>
    Healthy,

    /// <summary>The live metric dropped by more than the spec allows.</summary>
    Decayed,

    /// <summary>Fewer labelled predictions than the spec's minimum: no verdict.</summary>
    InsufficientLabels,

    /// <summary>The watched metric is missing on one side (undefined on these labels, or not among the test metrics).</summary>
    NotComparable,
}
