using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.AzureRest;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;

namespace MlOps.Core.Cost.Pricing;

/// <summary>
/// Refreshes the list prices from the public Azure Retail Prices API for the sheet's region and currency, stores the
/// dated list (reports/prices/{version}.json, and current.json for the other instances) and puts it in force under
/// the configured overrides. Every ledger entry written afterwards names the new version.
/// </summary>
public sealed partial class PriceSheetRefresher
{
    public const string CurrentBlob = "prices/current.json";

    private readonly RetailPricesClient _client;
    private readonly PriceSheetProvider _prices;
    private readonly MlOpsStorage _storage;
    private readonly TimeProvider _clock;
    private readonly ILogger<PriceSheetRefresher> _logger;

    public PriceSheetRefresher(RetailPricesClient client, PriceSheetProvider prices, MlOpsStorage storage, IOptions<PriceRefreshOptions> options, TimeProvider clock, ILogger<PriceSheetRefresher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _prices = prices;
        _storage = storage;
        Options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    public PriceRefreshOptions Options { get; }

    /// <summary>The list prices in force before overrides: the stored refreshed list, else the published defaults.</summary>
    public async Task<PriceSheet?> LoadStoredAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _storage.Container(_storage.Layout.Reports).GetBlobClient(CurrentBlob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            PriceSheet list = JsonDefaults.Deserialize<PriceSheet>(content.Value.Content.ToString());
            _prices.UseListPrices(list);
            return list;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Refreshes when enabled and the stored list is older than the interval; null when nothing was due.</summary>
    public async Task<PriceRefreshResult?> RefreshIfDueAsync(CancellationToken cancellationToken = default)
    {
        if (!Options.Enabled)
        {
            return null;
        }

        PriceSheet? stored = await LoadStoredAsync(cancellationToken).ConfigureAwait(false);
        DateOnly today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        bool due = stored is null || stored.Prices.Max(p => p.Price.AsOf).ToDateTime(TimeOnly.MinValue) + Options.Interval <= today.ToDateTime(TimeOnly.MinValue);
        return due ? await RefreshAsync(cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Reads the current list prices for the sheet's region and currency and puts them in force.</summary>
    public async Task<PriceRefreshResult> RefreshAsync(CancellationToken cancellationToken = default)
    {
        PriceSheet list = await LoadStoredAsync(cancellationToken).ConfigureAwait(false) ?? PriceSheetDefaults.ListPrices;
        string region = _prices.Current.Region, currency = _prices.Current.Currency;
        var items = new List<RetailMeterPrice>();
        foreach (string filter in RetailPriceSheetBuilder.Filters(region))
        {
            items.AddRange(await _client.ListAsync(filter, currency, cancellationToken).ConfigureAwait(false));
        }

        (PriceSheet refreshed, PriceRefreshResult result) = RetailPriceSheetBuilder.Build(list, items, region, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));
        string blob = $"prices/{refreshed.Version}.json";
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var reports = _storage.Container(_storage.Layout.Reports);
        await reports.GetBlobClient(blob).UploadAsync(BinaryData.FromString(JsonDefaults.Serialize(refreshed)), overwrite: true, cancellationToken).ConfigureAwait(false);
        await reports.GetBlobClient(CurrentBlob).UploadAsync(BinaryData.FromString(JsonDefaults.Serialize(refreshed)), overwrite: true, cancellationToken).ConfigureAwait(false);
        PriceSheet inForce = _prices.UseListPrices(refreshed);
        LogRefreshed(refreshed.Version, region, result.Changed.Count, result.NotFound.Count, inForce.Version);
        return result with { Blob = blob, InForce = inForce.Version };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Price list {Version} refreshed from the Retail Prices API for {Region}: {Changed} prices changed, {NotFound} meters not found; in force: {InForce}")]
    private partial void LogRefreshed(string version, string region, int changed, int notFound, string inForce);
}
