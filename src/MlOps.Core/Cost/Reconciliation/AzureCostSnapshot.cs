using MlOps.Core.AzureRest;

namespace MlOps.Core.Cost.Reconciliation;

/// <summary>
/// What the cost monitor read from Azure for a range of days, stored as a blob so the reconciliation (a separate
/// activity) reads the same figures however often it runs. A source that failed leaves its list null and says why.
/// </summary>
public sealed record AzureCostSnapshot
{
    public required string From { get; init; }

    public required string To { get; init; }

    public IReadOnlyList<BilledCost>? Billed { get; init; }

    public IReadOnlyList<FunctionExecutionHour>? Metered { get; init; }

    public string? BillingError { get; init; }

    public string? MetricsError { get; init; }
}
