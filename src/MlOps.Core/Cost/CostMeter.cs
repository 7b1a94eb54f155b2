using Microsoft.Extensions.Logging;

namespace MlOps.Core.Cost;

/// <summary>Measures a unit of work and writes its priced ledger row, keyed by the unit so a retry replaces it.</summary>
public sealed class CostMeter
{
    private readonly UsageMeter _usage;
    private readonly CostLedger _ledger;
    private readonly PriceSheetProvider _prices;
    private readonly TimeProvider _clock;
    private readonly ILogger<CostMeter> _logger;

    public CostMeter(UsageMeter usage, CostLedger ledger, PriceSheetProvider prices, TimeProvider clock, ILogger<CostMeter> logger)
    {
        _usage = usage;
        _ledger = ledger;
        _prices = prices;
        _clock = clock;
        _logger = logger;
    }

    public bool Enabled => _usage.Enabled;

    public PriceSheet Prices => _prices.Current;

    /// <summary>
    /// Runs <paramref name="work"/> as one unit and records what it used. A unit that fails is recorded too (its work
    /// was done and billed); when its row cannot be written the work's own exception wins.
    /// </summary>
    public async Task<T> MeasureAsync<T>(CostAttribution attribution, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!Enabled)
        {
            return await work().ConfigureAwait(false);
        }

        UsageScope scope = _usage.Begin(attribution);
        T result;
        try
        {
            result = await work().ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            try
            {
                await RecordAsync(scope.Attribution, scope.Complete(), cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or IOException)
            {
                _logger.LogWarning(ex, "Could not record the cost of failed unit {Unit} ({Failure})", attribution.Id, failure.Message);
            }

            throw;
        }

        await RecordAsync(scope.Attribution, scope.Complete(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Prices <paramref name="usage"/> with the current sheet and writes (or replaces) the unit's row.</summary>
    public async Task<CostLedgerEntry> RecordAsync(CostAttribution attribution, ResourceUsage usage, ServingCounts? serving = null, CancellationToken cancellationToken = default)
    {
        CostLedgerEntry entry = CostLedgerEntry.For(attribution, usage, _prices.Current, _clock.GetUtcNow(), serving);
        await _ledger.RecordAsync(entry, cancellationToken).ConfigureAwait(false);
        return entry;
    }
}
