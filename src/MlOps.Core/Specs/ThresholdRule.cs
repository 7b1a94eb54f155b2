namespace MlOps.Core.Specs;

/// <summary>How a binary classifier's decision threshold is set.</summary>
public enum ThresholdRule
{
    /// <summary>A probability given in the spec.</summary>
    Fixed,

    /// <summary>The probability that maximizes F1 (of the positive class) on the validation rows.</summary>
    MaxF1,

    /// <summary>The probability that maximizes balanced accuracy (Youden's J) on the validation rows.</summary>
    Balanced,
}
