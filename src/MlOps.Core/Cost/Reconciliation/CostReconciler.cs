using MlOps.Core.AzureRest;

namespace MlOps.Core.Cost.Reconciliation;

/// <summary>
/// Reconciles a day's ledger with Azure the way OptScale attributes cloud cost to ML runs: the ledger's estimate
/// (measured use times list prices) comes first; with Azure Monitor's metered execution of the function app, each
/// entry's compute is replaced by its measured share of the app's metered GB-s (and executions); with Cost
/// Management's bill, the function app's billed cost is shared out in proportion to those metered figures and the
/// storage account's in proportion to the ledger's storage estimates. Billed resources the ledger does not measure
/// (logs, telemetry) are reported beside the models, not spread over them.
/// </summary>
public static class CostReconciler
{
    public const string Ledger = "ledger";
    public const string Metrics = "metrics";
    public const string Billing = "billing";

    public static DailyCostReport Reconcile(
        string day, IEnumerable<CostLedgerEntry> entries, AzureCostSnapshot? azure, CostMonitorOptions resources, string monitorId, DateTimeOffset at, string currency)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(resources);
        List<CostLedgerEntry> today = [.. entries.Where(e => e.Day == day)];
        var sources = new List<string> { Ledger };
        var notes = new List<string>();

        // Metered: the day's hours of OnDemandFunctionExecutionUnits (as GB-s) and executions, against the ledger's.
        double ledgerGbSeconds = today.Sum(e => e.Cost.GbSeconds), ledgerExecutions = today.Sum(e => e.Usage.Executions);
        double? meteredGbSeconds = null, meteredExecutions = null, computeScale = null, executionScale = null;
        if (azure?.Metered is { } hours)
        {
            sources.Add(Metrics);
            List<FunctionExecutionHour> ofDay = [.. hours.Where(h => CostLedgerEntry.DayOf(h.Hour) == day)];
            meteredGbSeconds = ofDay.Sum(h => h.GbSeconds);
            meteredExecutions = ofDay.Sum(h => h.Executions);
            computeScale = ledgerGbSeconds > 0 ? meteredGbSeconds / ledgerGbSeconds : null;
            executionScale = ledgerExecutions > 0 ? meteredExecutions / ledgerExecutions : null;
            if (ledgerGbSeconds == 0 && meteredGbSeconds > 0)
            {
                notes.Add($"Azure Monitor metered {meteredGbSeconds:0.###} GB-s that no ledger entry accounts for.");
            }
        }
        else if (azure?.MetricsError is { } metricsError)
        {
            notes.Add("Metered execution unavailable: " + metricsError);
        }

        double MeteredCompute(CostLedgerEntry e) => (e.Cost.Compute * (computeScale ?? 1)) + (e.Cost.Executions * (executionScale ?? 1));
        static double Storage(CostLedgerEntry e) => e.Cost.Blob + e.Cost.Queue + e.Cost.Table;

        // Billed: the day's rows of the scope, the app's and its storage account's apart from the rest.
        List<ResourceBill>? bills = null;
        double? computeBillScale = null, storageBillScale = null;
        if (azure?.Billed is { } billed && billed.Any(b => b.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == day))
        {
            sources.Add(Billing);
            bills = [.. billed.Where(b => b.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == day)
                .GroupBy(b => b.ResourceId, StringComparer.OrdinalIgnoreCase)
                .Select(g => new ResourceBill(g.Key, g.Sum(b => b.Cost), RoleOf(g.Key, resources)))
                .OrderByDescending(b => b.Billed)];
            currency = billed.FirstOrDefault(b => !string.IsNullOrEmpty(b.Currency))?.Currency ?? currency;
            double computeBase = today.Sum(MeteredCompute), storageBase = today.Sum(Storage);
            double billedCompute = bills.Where(b => b.Role == "compute").Sum(b => b.Billed), billedStorage = bills.Where(b => b.Role == "storage").Sum(b => b.Billed);
            computeBillScale = computeBase > 0 ? billedCompute / computeBase : 0;
            storageBillScale = storageBase > 0 ? billedStorage / storageBase : 0;
        }
        else if (azure?.BillingError is { } billingError)
        {
            notes.Add("Billed cost unavailable: " + billingError);
        }
        else if (azure?.Billed is not null)
        {
            notes.Add("Cost Management has no cost for this day yet (it refreshes about every four hours and finalises days later).");
        }

        CostFigures Figures(CostLedgerEntry e) => new()
        {
            Estimated = e.Cost.Total,
            Metered = azure?.Metered is null ? null : MeteredCompute(e) + Storage(e),
            Billed = bills is null ? null : (MeteredCompute(e) * computeBillScale!.Value) + (Storage(e) * storageBillScale!.Value),
        };

        var models = today.GroupBy(e => e.Model, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ModelDayCost
        {
            Model = g.Key,
            Total = g.Select(Figures).Aggregate(new CostFigures { Metered = azure?.Metered is null ? null : 0, Billed = bills is null ? null : 0 }, CostFigures.Add),
            Stages = g.GroupBy(e => e.Stage, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Select(Figures).Aggregate(CostFigures.Add), StringComparer.Ordinal),
            Runs = g.Where(e => e.RunId is not null).GroupBy(e => e.RunId!, StringComparer.Ordinal)
                .ToDictionary(r => r.Key, r => r.Select(Figures).Aggregate(CostFigures.Add), StringComparer.Ordinal),
        }).ToList();

        return new DailyCostReport
        {
            Day = day,
            MonitorId = monitorId,
            At = at,
            Partial = string.CompareOrdinal(day, CostLedgerEntry.DayOf(at)) >= 0,
            Sources = sources,
            Currency = currency,
            PriceSheetVersions = [.. today.Select(e => e.PriceSheetVersion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Models = models,
            Totals = new CostFigures
            {
                Estimated = models.Sum(m => m.Total.Estimated),
                Metered = azure?.Metered is null ? null : models.Sum(m => m.Total.Metered ?? 0),
                Billed = bills?.Sum(b => b.Billed),
            },
            Azure = azure is null ? null : new AzureCostFigures
            {
                MeteredGbSeconds = meteredGbSeconds,
                MeteredExecutions = meteredExecutions,
                LedgerGbSeconds = ledgerGbSeconds,
                LedgerExecutions = ledgerExecutions,
                ComputeScale = computeScale,
                BilledComputeScale = computeBillScale,
                BilledStorageScale = storageBillScale,
                Bills = bills,
            },
            Notes = notes,
        };
    }

    private static string RoleOf(string resourceId, CostMonitorOptions resources) =>
        string.Equals(Trim(resourceId), Trim(resources.FunctionAppResourceId), StringComparison.OrdinalIgnoreCase) ? "compute"
        : string.Equals(Trim(resourceId), Trim(resources.StorageAccountResourceId), StringComparison.OrdinalIgnoreCase) ? "storage"
        : "other";

    private static string Trim(string? resourceId) => (resourceId ?? "").Trim().TrimStart('/').TrimEnd('/');
}
