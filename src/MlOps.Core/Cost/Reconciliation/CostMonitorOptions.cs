using System.ComponentModel.DataAnnotations;

namespace MlOps.Core.Cost.Reconciliation;

/// <summary>
/// What the cost monitor asks Azure about (section <c>CostMonitor</c>). With neither id set the monitor reports the
/// ledger alone, as it does on the local host.
/// </summary>
public sealed class CostMonitorOptions
{
    public const string SectionName = "CostMonitor";

    /// <summary>The configuration key of the schedule (a six-field cron, as Functions timers use).</summary>
    public const string ScheduleSetting = "CostSchedule";

    public const string DefaultSchedule = "0 0 6 * * *";

    /// <summary>The Cost Management scope billed costs are read for: the app's resource group, /subscriptions/{id}/resourceGroups/{name}.</summary>
    public string? Scope { get; set; }

    /// <summary>The function app whose metered execution (Azure Monitor Metrics) apportions compute cost.</summary>
    public string? FunctionAppResourceId { get; set; }

    /// <summary>The storage account whose bill the ledger's storage operations apportion.</summary>
    public string? StorageAccountResourceId { get; set; }

    /// <summary>Days before the reconciled day that are reconciled again (billing finalises late) and serve as the anomaly baseline.</summary>
    [Range(1, 28)]
    public int HistoryDays { get; set; } = 7;

    public bool UsesBilling => !string.IsNullOrWhiteSpace(Scope);

    public bool UsesMetrics => !string.IsNullOrWhiteSpace(FunctionAppResourceId);
}
