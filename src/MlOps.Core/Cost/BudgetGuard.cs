using System.Globalization;
using Microsoft.Extensions.Logging;
using MlOps.Core.Alerts;
using MlOps.Core.Specs;
using MlOps.Core.Storage;

namespace MlOps.Core.Cost;

/// <summary>
/// Holds a model's spending this month (its ledger rows, training and serving) against its budget.monthly: raises
/// an alert at each alertAt share once a month, and tells callers to refuse new training runs and retrains once the
/// limit is reached (unless budget.enforce is false).
/// </summary>
public sealed class BudgetGuard
{
    private readonly CostLedger _ledger;
    private readonly AlertPublisher _alerts;
    private readonly JsonTable<BudgetAlertMark> _marks;
    private readonly PriceSheetProvider _prices;
    private readonly TimeProvider _clock;
    private readonly ILogger<BudgetGuard> _logger;

    public BudgetGuard(CostLedger ledger, AlertPublisher alerts, MlOpsStorage storage, PriceSheetProvider prices, TimeProvider clock, ILogger<BudgetGuard> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _ledger = ledger;
        _alerts = alerts;
        _marks = new JsonTable<BudgetAlertMark>(storage.Table(storage.Layout.MonitorState));
        _prices = prices;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The month's spending, after raising any threshold alert it crossed.</summary>
    public async Task<MonthlyBudgetStatus> CheckMonthlyAsync(string model, BudgetSpec budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (budget.Monthly is not double limit)
        {
            return MonthlyBudgetStatus.None;
        }

        string currency = _prices.Current.Currency;
        if (!string.Equals(budget.Currency, currency, StringComparison.Ordinal))
        {
            _logger.LogWarning("The budget of {Model} is in {BudgetCurrency} but the price sheet in {Currency}; it is not applied", model, budget.Currency, currency);
            return MonthlyBudgetStatus.None;
        }

        DateTimeOffset now = _clock.GetUtcNow();
        var firstDay = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        double spent = 0;
        await foreach (CostLedgerEntry entry in _ledger.ListAsync(model, CostLedgerEntry.DayOf(firstDay), CostLedgerEntry.DayOf(now), cancellationToken).ConfigureAwait(false))
        {
            spent += entry.Cost.Total;
        }

        var status = new MonthlyBudgetStatus
        {
            Month = now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), Limit = limit, Spent = spent, Currency = currency,
            Refuses = spent >= limit && budget.Enforce,
        };
        foreach (double share in budget.AlertAt.Distinct().Order())
        {
            if (spent >= share * limit)
            {
                await RaiseOnceAsync(model, status, share, cancellationToken).ConfigureAwait(false);
            }
        }

        return status;
    }

    /// <summary>Raises the critical alert of refused work (a training run or a retrain), once per <paramref name="workId"/>.</summary>
    public Task RaiseRefusalAsync(string model, MonthlyBudgetStatus status, string workId, string what, string? runId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        return _alerts.PublishAsync(new AlertRecord
        {
            Id = $"budget-refused-{workId}", Model = model, Kind = AlertKind.Budget, Severity = AlertSeverity.Critical, At = _clock.GetUtcNow(), RunId = runId,
            Message = $"{what} refused: {status.Describe()} (budget.enforce)",
        }, cancellationToken);
    }

    private async Task RaiseOnceAsync(string model, MonthlyBudgetStatus status, double share, CancellationToken cancellationToken)
    {
        string key = string.Create(CultureInfo.InvariantCulture, $"budget|{status.Month}|{share:R}");
        var mark = new BudgetAlertMark { Model = model, Month = status.Month, Share = share, At = _clock.GetUtcNow() };
        if (!await _marks.TryAddAsync(model, key, mark, cancellationToken).ConfigureAwait(false))
        {
            // Raised before (or by a run that stopped between marking and publishing): publish again with the marked time, which is idempotent.
            mark = (await _marks.GetAsync(model, key, cancellationToken).ConfigureAwait(false))?.Value ?? mark;
        }

        await _alerts.PublishAsync(new AlertRecord
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"budget-{status.Month}-{share:R}"), Model = model, Kind = AlertKind.Budget,
            Severity = share >= 1 ? AlertSeverity.Critical : AlertSeverity.Warning, At = mark.At,
            Message = string.Create(CultureInfo.InvariantCulture, $"{share:P0} of the monthly budget reached: {status.Describe()}"),
        }, cancellationToken).ConfigureAwait(false);
    }
}
