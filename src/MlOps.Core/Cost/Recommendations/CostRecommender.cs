using System.Globalization;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;

namespace MlOps.Core.Cost.Recommendations;

/// <summary>
/// Recommendations as OptScale gives them, from the model's own ledger: trainers in the search that rarely win but
/// take most of the training cost, the instance memory against the measured peak, versions and aliases nobody has
/// asked for a prediction in days, and prediction logs kept far longer than the monitors read them. Each carries its
/// estimated monthly saving: the window's spending on what it would remove, scaled to 30 days.
/// </summary>
public sealed class CostRecommender
{
    private const double BytesPerGb = 1024.0 * 1024 * 1024;
    private readonly CostLedger _ledger;
    private readonly CandidateStore _candidates;
    private readonly ModelRegistry _registry;
    private readonly SpecStore _specs;
    private readonly PriceSheetProvider _prices;
    private readonly MlOpsStorage _storage;
    private readonly TimeProvider _clock;
    private readonly RecommendationOptions _options;

    public CostRecommender(
        CostLedger ledger, CandidateStore candidates, ModelRegistry registry, SpecStore specs, PriceSheetProvider prices, MlOpsStorage storage,
        TimeProvider clock, IOptions<RecommendationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ledger = ledger;
        _candidates = candidates;
        _registry = registry;
        _specs = specs;
        _prices = prices;
        _storage = storage;
        _clock = clock;
        _options = options.Value;
    }

    public async Task<IReadOnlyList<Recommendation>> RecommendAsync(string model, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        var entries = new List<CostLedgerEntry>();
        await foreach (CostLedgerEntry entry in _ledger.ListAsync(model, CostLedgerEntry.DayOf(now.AddDays(-_options.WindowDays)), CostLedgerEntry.DayOf(now), cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        PriceSheet sheet = _prices.Current;
        double monthly = 30.0 / _options.WindowDays;
        var recommendations = new List<Recommendation>();
        recommendations.AddRange(await TrainersAsync(entries, monthly, sheet.Currency, cancellationToken).ConfigureAwait(false));
        if (InstanceMemory(entries, sheet, monthly) is { } memory)
        {
            recommendations.Add(memory);
        }

        recommendations.AddRange(await IdleAsync(model, entries, sheet, monthly, now, cancellationToken).ConfigureAwait(false));
        if (await PredictionLogAsync(model, sheet, now, cancellationToken).ConfigureAwait(false) is { } retention)
        {
            recommendations.Add(retention);
        }

        return [.. recommendations.OrderByDescending(r => r.MonthlySaving)];
    }

    /// <summary>Trainers that won at most RarelyWinsShare of the runs they were in yet took at least MostOfTheCostShare of the candidates' cost.</summary>
    private async Task<IEnumerable<Recommendation>> TrainersAsync(List<CostLedgerEntry> entries, double monthly, string currency, CancellationToken cancellationToken)
    {
        var costs = entries.Where(e => e.Kind == CostKind.Candidate && e.RunId is not null && e.CandidateIndex is not null)
            .GroupBy(e => (e.RunId!, e.CandidateIndex!.Value)).ToDictionary(g => g.Key, g => g.Sum(e => e.Cost.Total));
        var trainers = new Dictionary<string, (int Runs, int Wins, int Candidates, double Cost)>(StringComparer.Ordinal);
        foreach (string runId in costs.Keys.Select(k => k.Item1).Distinct(StringComparer.Ordinal))
        {
            IReadOnlyList<CandidateRecord> candidates = await _candidates.ListAsync(runId, cancellationToken).ConfigureAwait(false);
            foreach (IGrouping<string, CandidateRecord> trainer in candidates.GroupBy(c => c.Candidate.Trainer, StringComparer.Ordinal))
            {
                (int runs, int wins, int count, double cost) = trainers.GetValueOrDefault(trainer.Key);
                trainers[trainer.Key] = (runs + 1, wins + (trainer.Any(c => c.Selected) ? 1 : 0), count + trainer.Count(),
                    cost + trainer.Sum(c => costs.GetValueOrDefault((runId, c.Index))));
            }
        }

        double total = trainers.Values.Sum(t => t.Cost);
        return trainers.Where(t => total > 0 && t.Value.Runs > 0
                && (double)t.Value.Wins / t.Value.Runs <= _options.RarelyWinsShare && t.Value.Cost / total >= _options.MostOfTheCostShare)
            .Select(t => new Recommendation
            {
                Kind = "trainer",
                Title = $"Drop {t.Key} from the search",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"{t.Key} won {t.Value.Wins} of the {t.Value.Runs} runs it was tried in but took {t.Value.Cost / total:P0} of the training cost ({t.Value.Candidates} candidates). List the trainers that win in training.trainers."),
                MonthlySaving = t.Value.Cost * monthly,
                Currency = currency,
                Evidence = new() { ["runs"] = t.Value.Runs, ["wins"] = t.Value.Wins, ["candidates"] = t.Value.Candidates, ["cost"] = t.Value.Cost, ["costShare"] = t.Value.Cost / total },
            });
    }

    /// <summary>The smallest Flex instance that holds the measured peak with headroom, when it is smaller than the one configured (or a larger one when the peak is near the limit).</summary>
    private Recommendation? InstanceMemory(List<CostLedgerEntry> entries, PriceSheet sheet, double monthly)
    {
        if (sheet.Plan != HostingPlan.FlexConsumption || entries.Count == 0)
        {
            return null;
        }

        long peak = entries.Max(e => e.Usage.PeakMemoryBytes);
        double peakMb = peak / (1024.0 * 1024), needMb = peakMb * _options.MemoryHeadroom;
        int fits = PriceSheetOptions.FlexInstanceMemoryMb.Order().FirstOrDefault(size => size >= needMb, PriceSheetOptions.FlexInstanceMemoryMb.Max());
        double compute = entries.Sum(e => e.Cost.Compute);
        var evidence = new Dictionary<string, double> { ["peakMb"] = Math.Round(peakMb, 1), ["instanceMemoryMb"] = sheet.InstanceMemoryMb, ["computeCost"] = compute };
        if (fits < sheet.InstanceMemoryMb)
        {
            return new Recommendation
            {
                Kind = "instance-memory",
                Title = string.Create(CultureInfo.InvariantCulture, $"Run on {fits} MB instances instead of {sheet.InstanceMemoryMb} MB"),
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"The largest working set measured was {peakMb:0} MB; {fits} MB leaves {_options.MemoryHeadroom:0.#}x that. Flex bills instance memory times active time, so compute costs {fits}/{sheet.InstanceMemoryMb} as much (bicep: instanceMemoryMB)."),
                MonthlySaving = compute * (1 - ((double)fits / sheet.InstanceMemoryMb)) * monthly,
                Currency = sheet.Currency,
                Evidence = evidence,
            };
        }

        return peakMb > sheet.InstanceMemoryMb * 0.9 && fits > sheet.InstanceMemoryMb
            ? new Recommendation
            {
                Kind = "instance-memory",
                Title = string.Create(CultureInfo.InvariantCulture, $"Run on {fits} MB instances: the peak is near the {sheet.InstanceMemoryMb} MB limit"),
                Detail = string.Create(CultureInfo.InvariantCulture, $"The largest working set measured was {peakMb:0} MB of {sheet.InstanceMemoryMb} MB; an instance that runs out of memory fails its work and bills it anyway."),
                MonthlySaving = 0,
                Currency = sheet.Currency,
                Evidence = evidence,
            }
            : null;
    }

    /// <summary>Versions and aliases with no serving entries in the idle period: what keeping them costs (artifacts; the monitors, for an idle production).</summary>
    private async Task<IEnumerable<Recommendation>> IdleAsync(string model, List<CostLedgerEntry> entries, PriceSheet sheet, double monthly, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string since = CostLedgerEntry.DayOf(now.AddDays(-_options.IdleDays));
        var served = entries.Where(e => e.Kind == CostKind.Serving && e.ModelVersion is not null && string.CompareOrdinal(e.Day, since) >= 0
                && (e.Serving?.Requests ?? 1) > 0)
            .Select(e => e.ModelVersion!.Value).ToHashSet();
        IReadOnlyList<AliasRecord> aliases = await _registry.ListAliasesAsync(model, cancellationToken).ConfigureAwait(false);
        var recommendations = new List<Recommendation>();
        foreach (AliasRecord alias in aliases.Where(a => !served.Contains(a.Version) && a.UpdatedAt < now.AddDays(-_options.IdleDays)))
        {
            bool production = alias.Alias == ModelRegistry.Production;
            double monitors = production ? entries.Where(e => e.Kind == CostKind.Monitor).Sum(e => e.Cost.Total) : 0;
            recommendations.Add(new Recommendation
            {
                Kind = "idle-alias",
                Title = $"Alias '{alias.Alias}' (version {alias.Version}) has served no prediction in {_options.IdleDays} days",
                Detail = production
                    ? "Nothing calls the production model: retire it, or turn monitoring off in the spec, whose scheduled runs still cost."
                    : $"Remove the alias (and a shadow alias from deployment.shadowAlias) if nothing will call it.",
                MonthlySaving = monitors * monthly,
                Currency = sheet.Currency,
                Evidence = new() { ["version"] = alias.Version, ["idleDays"] = _options.IdleDays, ["monitorCost"] = monitors },
            });
        }

        var aliased = aliases.Select(a => a.Version).ToHashSet();
        IReadOnlyList<ModelVersionRecord> idle = [.. (await _registry.ListVersionsAsync(model, cancellationToken).ConfigureAwait(false))
            .Where(v => !aliased.Contains(v.Version) && !served.Contains(v.Version))];
        if (idle.Count > 0)
        {
            double bytes = idle.Sum(v => (double)v.SizeBytes);
            recommendations.Add(new Recommendation
            {
                Kind = "idle-version",
                Title = string.Create(CultureInfo.InvariantCulture, $"{idle.Count} version(s) without an alias have served no prediction in {_options.IdleDays} days"),
                Detail = $"Versions {string.Join(", ", idle.Select(v => v.Version))} are kept for rollback and audit only: archive their artifacts to the cool tier, or delete those you will not roll back to.",
                MonthlySaving = bytes / BytesPerGb * sheet.BlobStorage.UnitPrice,
                Currency = sheet.Currency,
                Evidence = new() { ["versions"] = idle.Count, ["artifactBytes"] = bytes },
            });
        }

        return recommendations;
    }

    /// <summary>Prediction logs older than anything the monitors read (their window, with a week for late labels) that are still stored hot.</summary>
    private async Task<Recommendation?> PredictionLogAsync(string model, PriceSheet sheet, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TimeSpan window = (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec.Monitoring.Window ?? new MonitoringSpec().Window;
        TimeSpan keep = window + TimeSpan.FromDays(7);
        double total = 0, beyond = 0;
        DateTimeOffset? oldest = null;
        await foreach (BlobItem blob in _storage.Container(_storage.Layout.Predictions).GetBlobsAsync(new GetBlobsOptions { Prefix = model + "/" }, cancellationToken).ConfigureAwait(false))
        {
            long size = blob.Properties.ContentLength ?? 0;
            DateTimeOffset written = blob.Properties.LastModified ?? now;
            total += size;
            if (written < now - keep)
            {
                beyond += size;
                oldest = oldest is null || written < oldest ? written : oldest;
            }
        }

        if (beyond <= 0)
        {
            return null;
        }

        int keepDays = (int)Math.Ceiling(keep.TotalDays);
        return new Recommendation
        {
            Kind = "prediction-log-retention",
            Title = string.Create(CultureInfo.InvariantCulture, $"Delete prediction logs after {keepDays} days"),
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"The monitors read the last {window.TotalHours:0} h of the log (late labels join within days), but {beyond / BytesPerGb:0.###} GB of {total / BytesPerGb:0.###} GB is older than {keepDays} days, back to {oldest:yyyy-MM-dd}. Set bicep's predictionsDeleteAfterDays to {keepDays}."),
            MonthlySaving = beyond / BytesPerGb * sheet.BlobStorage.UnitPrice,
            Currency = sheet.Currency,
            Evidence = new() { ["logBytes"] = total, ["bytesBeyondRetention"] = beyond, ["keepDays"] = keepDays },
        };
    }
}
