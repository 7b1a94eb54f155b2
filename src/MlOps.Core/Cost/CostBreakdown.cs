namespace MlOps.Core.Cost;

/// <summary>A unit's cost by component, with the billed quantities each was computed from.</summary>
public sealed record CostBreakdown
{
    /// <summary>Active time after the plan's rounding (minimum and increments).</summary>
    public double BilledSeconds { get; init; }

    public double MemoryGb { get; init; }

    public double GbSeconds { get; init; }

    /// <summary><see cref="GbSeconds"/> times the execution-time price.</summary>
    public double Compute { get; init; }

    public double Executions { get; init; }

    public double Blob { get; init; }

    public double Queue { get; init; }

    public double Table { get; init; }

    public double Total { get; init; }

    public static CostBreakdown Zero { get; } = new();

    /// <summary>Prices measured usage (and, for serving, its counts) with a sheet.</summary>
    public static CostBreakdown Of(ResourceUsage usage, PriceSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(sheet);
        double billed = sheet.Billing.BillableSeconds(usage.ActiveMs / 1000.0);
        double memory = sheet.Billing.BilledMemoryGb(sheet.InstanceMemoryMb, usage.PeakMemoryBytes);
        double gbSeconds = billed * memory;
        double compute = gbSeconds * sheet.ExecutionTime.UnitPrice;
        double executions = usage.Executions * sheet.Executions.UnitPrice;
        double Storage(StorageService service) =>
            usage.Storage.Where(s => s.Service == service).Sum(s => s.Count * sheet.StorageOperation(service, s.Class).UnitPrice);
        double blob = Storage(StorageService.Blob), queue = Storage(StorageService.Queue), table = Storage(StorageService.Table);
        return new CostBreakdown
        {
            BilledSeconds = billed, MemoryGb = memory, GbSeconds = gbSeconds, Compute = compute, Executions = executions,
            Blob = blob, Queue = queue, Table = table, Total = compute + executions + blob + queue + table,
        };
    }
}
