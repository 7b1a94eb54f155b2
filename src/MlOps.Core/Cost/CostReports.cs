using System.Globalization;

namespace MlOps.Core.Cost;

/// <summary>Reads the ledger as users see it: a run's cost by stage and candidate, a version's serving, a model's days by stage.</summary>
public sealed class CostReports
{
    /// <summary>How far back observed traffic is read.</summary>
    public static readonly TimeSpan TrafficWindow = TimeSpan.FromDays(30);

    private readonly CostLedger _ledger;
    private readonly PriceSheetProvider _prices;
    private readonly TimeProvider _clock;

    public CostReports(CostLedger ledger, PriceSheetProvider prices, TimeProvider clock)
    {
        _ledger = ledger;
        _prices = prices;
        _clock = clock;
    }

    /// <summary>A training run's cost: per stage and in total, and each candidate's.</summary>
    public async Task<(CostSummary Run, IReadOnlyDictionary<int, double> Candidates)> ForRunAsync(string model, string runId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CostLedgerEntry> rows = await _ledger.ForOwnerAsync(model, runId, cancellationToken).ConfigureAwait(false);
        return (CostSummary.Of(rows, _prices.Current.Currency),
            rows.Where(r => r.CandidateIndex is not null).GroupBy(r => r.CandidateIndex!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Cost.Total)));
    }

    /// <summary>Serving of a model (or one version) over the traffic window ending now.</summary>
    public async Task<ServingTraffic> ServingAsync(string model, int? version = null, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        DateTimeOffset from = now - TrafficWindow;
        long predictions = 0, requests = 0;
        double cost = 0;
        DateTimeOffset? first = null;
        await foreach (CostLedgerEntry entry in _ledger.ListAsync(model, CostLedgerEntry.DayOf(from), null, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Kind != CostKind.Serving || entry.Serving is null || (version is int v && entry.ModelVersion != v) || entry.Hour < from)
            {
                continue;
            }

            predictions += entry.Serving.Rows;
            requests += entry.Serving.Requests;
            cost += entry.Cost.Total;
            first = first is null || entry.Hour < first ? entry.Hour : first;
        }

        double days = first is null ? TrafficWindow.TotalDays : Math.Clamp((now - first.Value).TotalDays, 1, TrafficWindow.TotalDays);
        return new ServingTraffic { Predictions = predictions, Requests = requests, Cost = cost, PredictionsPerMonth = predictions * TrafficWindow.TotalDays / days };
    }

    /// <summary>Costs by day, model and stage in [from, to] (yyyy-MM-dd), for one model or all (the platform's overhead included).</summary>
    public async Task<IReadOnlyList<CostDay>> DailyAsync(string? model, string from, string to, CancellationToken cancellationToken = default)
    {
        IAsyncEnumerable<CostLedgerEntry> rows = model is null
            ? _ledger.ListAllAsync(from, to, cancellationToken)
            : _ledger.ListAsync(model, from, to, cancellationToken);
        var days = new Dictionary<(string Day, string Model, string Stage), double>();
        await foreach (CostLedgerEntry entry in rows.ConfigureAwait(false))
        {
            var key = (entry.Day, entry.Model, entry.Stage);
            days[key] = days.GetValueOrDefault(key) + entry.Cost.Total;
        }

        return [.. days.Select(d => new CostDay(d.Key.Day, d.Key.Model, d.Key.Stage, d.Value))
            .OrderBy(d => d.Day, StringComparer.Ordinal).ThenBy(d => d.Model, StringComparer.Ordinal).ThenBy(d => CostSummary.StageOrder(d.Stage))];
    }

    /// <summary>The day range of a from/to query (yyyy-MM-dd, inclusive); by default the last 30 days up to today. Null with a problem when a value is not a date.</summary>
    public (string From, string To)? Range(string? from, string? to, out string? problem)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        (string? start, string? startProblem) = ParseDay(from, "from", now - TrafficWindow);
        (string? end, string? endProblem) = ParseDay(to, "to", now);
        problem = startProblem ?? endProblem;
        if (start is null || end is null)
        {
            return null;
        }

        if (string.CompareOrdinal(start, end) > 0)
        {
            problem = $"'from' ({start}) is after 'to' ({end}).";
            return null;
        }

        return (start, end);
    }

    private static (string? Day, string? Problem) ParseDay(string? value, string name, DateTimeOffset fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (CostLedgerEntry.DayOf(fallback), null);
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
            : (null, $"'{name}' must be a date as yyyy-MM-dd, got '{value}'.");
    }
}
