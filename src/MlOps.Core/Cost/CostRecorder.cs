using System.Globalization;
using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MlOps.Core.Cost;

/// <summary>
/// Writes this instance's hourly ledger rows in the background: each model version's serving, the durable
/// backend's storage traffic (orchestration overhead) and the rest of the instance's unattributed work (the API's
/// reads, the watchers' listings, idle CPU). Each write carries the hour's totals so far under a key of hour and
/// instance, so rewriting it replaces rather than adds; the request path only counts.
/// </summary>
public sealed class CostRecorder : BackgroundService
{
    // Serving cells of past hours are kept this long, so prediction-log appends that lag the hour still land in them.
    private static readonly TimeSpan KeepHours = TimeSpan.FromHours(2);

    private readonly ServingMeter _serving;
    private readonly UsageMeter _usage;
    private readonly CostLedger _ledger;
    private readonly PriceSheetProvider _prices;
    private readonly TimeProvider _clock;
    private readonly CostOptions _options;
    private readonly ILogger<CostRecorder> _logger;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private OverheadHour? _hour;

    public CostRecorder(
        ServingMeter serving, UsageMeter usage, CostLedger ledger, PriceSheetProvider prices, TimeProvider clock, IOptions<CostOptions> options, ILogger<CostRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _serving = serving;
        _usage = usage;
        _ledger = ledger;
        _prices = prices;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Writes the current hour's serving and overhead rows now (tests, shutdown, and the timer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (!_usage.Enabled)
        {
            return;
        }

        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = _clock.GetUtcNow();
            PriceSheet sheet = _prices.Current;
            foreach (ServingTotals totals in _serving.Collect(now - KeepHours))
            {
                await _ledger.RecordAsync(CostLedgerEntry.For(new CostAttribution
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"serving|v{totals.Version}|{totals.Hour:yyyyMMddHH}|{ServingMeter.Instance}"),
                    Model = totals.Model, Kind = CostKind.Serving, Stage = CostStages.Serving, Unit = "requests", ModelVersion = totals.Version,
                    Hour = totals.Hour, Instance = ServingMeter.Instance,
                }, totals.Usage, sheet, now, totals.Counts), cancellationToken).ConfigureAwait(false);
            }

            await RecordOverheadAsync(now, sheet, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushing.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or InvalidOperationException)
        {
            _logger.LogWarning(ex, "Could not write the last cost ledger rows of this instance");
        }
    }

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_usage.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.FlushInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RequestFailedException or IOException or InvalidOperationException)
                {
                    // Counters keep their totals; the next tick writes them.
                    _logger.LogWarning(ex, "Could not write the cost ledger's serving and overhead rows; retrying on the next flush");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // StopAsync writes the last rows.
        }
    }

    private async Task RecordOverheadAsync(DateTimeOffset now, PriceSheet sheet, CancellationToken cancellationToken)
    {
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        if (_hour?.Hour != hour)
        {
            _hour = new OverheadHour(hour);
        }

        (double idleCpuMs, long peak) = _usage.TakeIdle();
        _hour.Backend.Add(_usage.Backend.Take());
        _hour.Host.Add(_usage.Unattributed.Take());
        _hour.IdleCpuMs += idleCpuMs;
        _hour.PeakBytes = Math.Max(_hour.PeakBytes, peak);

        IReadOnlyList<StorageOperations> backend = _hour.Backend.Snapshot();
        if (backend.Count > 0)
        {
            await RecordPlatformAsync(CostStages.Orchestration, "task hub", new ResourceUsage { Storage = backend }, now, sheet, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<StorageOperations> host = _hour.Host.Snapshot();
        if (host.Count > 0 || _hour.IdleCpuMs > 0)
        {
            await RecordPlatformAsync(CostStages.Overhead, "host", new ResourceUsage { Storage = host, CpuMs = _hour.IdleCpuMs, PeakMemoryBytes = _hour.PeakBytes },
                now, sheet, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task RecordPlatformAsync(string stage, string unit, ResourceUsage usage, DateTimeOffset now, PriceSheet sheet, CancellationToken cancellationToken) =>
        _ledger.RecordAsync(CostLedgerEntry.For(new CostAttribution
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{stage}|{_hour!.Hour:yyyyMMddHH}|{ServingMeter.Instance}"),
            Model = CostStages.PlatformModel, Kind = CostKind.Overhead, Stage = stage, Unit = unit, Hour = _hour.Hour, Instance = ServingMeter.Instance,
        }, usage, sheet, now), cancellationToken);

    private sealed class OverheadHour(DateTimeOffset hour)
    {
        public DateTimeOffset Hour { get; } = hour;

        public StorageCounters Backend { get; } = new();

        public StorageCounters Host { get; } = new();

        public double IdleCpuMs { get; set; }

        public long PeakBytes { get; set; }
    }
}
