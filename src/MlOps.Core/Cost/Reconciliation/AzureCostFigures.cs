namespace MlOps.Core.Cost.Reconciliation;

/// <summary>What Azure reported for a day, and the factors the reconciliation derived from it.</summary>
public sealed record AzureCostFigures
{
    /// <summary>OnDemandFunctionExecutionUnits / 1,024,000 summed over the day; null without metrics.</summary>
    public double? MeteredGbSeconds { get; init; }

    public double? MeteredExecutions { get; init; }

    /// <summary>The GB-s and executions the ledger measured on the day, every model and the platform together.</summary>
    public double LedgerGbSeconds { get; init; }

    public double LedgerExecutions { get; init; }

    /// <summary>Metered over measured GB-s: how each entry's compute estimate was scaled.</summary>
    public double? ComputeScale { get; init; }

    /// <summary>Billed function-app cost over the metered compute cost.</summary>
    public double? BilledComputeScale { get; init; }

    /// <summary>Billed storage-account cost over the ledger's storage estimate.</summary>
    public double? BilledStorageScale { get; init; }

    /// <summary>Every billed resource of the scope on the day; null when Cost Management had no data for it yet.</summary>
    public IReadOnlyList<ResourceBill>? Bills { get; init; }
}
