namespace MlOps.Core.Cost.Reconciliation;

/// <summary>
/// One cost three ways: the ledger's estimate (measured use times list prices), the estimate with its compute
/// replaced by its share of the app's metered execution, and that scaled to what Azure billed. Later figures are null
/// until their source has data.
/// </summary>
public sealed record CostFigures
{
    public double Estimated { get; init; }

    public double? Metered { get; init; }

    public double? Billed { get; init; }

    /// <summary>The best figure there is: billed, else metered, else estimated.</summary>
    public double Cost => Billed ?? Metered ?? Estimated;

    public static CostFigures operator +(CostFigures left, CostFigures right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new CostFigures
        {
            Estimated = left.Estimated + right.Estimated,
            Metered = left.Metered is null && right.Metered is null ? null : (left.Metered ?? 0) + (right.Metered ?? 0),
            Billed = left.Billed is null && right.Billed is null ? null : (left.Billed ?? 0) + (right.Billed ?? 0),
        };
    }

    public static CostFigures Add(CostFigures left, CostFigures right) => left + right;
}
