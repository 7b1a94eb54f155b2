using System.Globalization;
using MlOps.Core.Specs;

namespace MlOps.Core.Evaluation;

/// <summary>
/// The train-versus-test gap on a metric against the spec's threshold. Gap is how much better the model does on
/// the rows it was fit on (for a loss, test minus train), so a positive gap is the usual sign of overfitting.
/// </summary>
public sealed record OverfitAssessment(string Metric, double Train, double Test, double Gap, double MaxGap, OverfitAction Action)
{
    public bool Overfit => Gap > MaxGap;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Metric} train {Train:F4} vs test {Test:F4}: gap {Gap:F4} {(Overfit ? "exceeds" : "is within")} the maximum {MaxGap:F4}");
}
