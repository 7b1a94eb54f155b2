using Microsoft.Extensions.Options;

namespace MlOps.Core.Cost;

/// <summary>
/// The price sheet in force: the list prices (the published defaults, or the newest refresh) with the configured
/// overrides on top.
/// </summary>
public sealed class PriceSheetProvider
{
    private readonly PriceSheetOptions _overrides;
    private PriceSheet _current;

    public PriceSheetProvider(IOptions<CostOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _overrides = options.Value.PriceSheet;
        _current = _overrides.ApplyTo(PriceSheetDefaults.ListPrices);
    }

    public PriceSheet Current => Volatile.Read(ref _current);

    /// <summary>Replaces the list prices (after a refresh from the Retail Prices API); the configured overrides still apply.</summary>
    public PriceSheet UseListPrices(PriceSheet listPrices)
    {
        PriceSheet sheet = _overrides.ApplyTo(listPrices);
        Volatile.Write(ref _current, sheet);
        return sheet;
    }
}
