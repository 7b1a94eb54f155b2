using System.Collections.Concurrent;

namespace MlOps.Core.Monitoring.Serving;

/// <summary>
/// The host's own count of its prediction requests, per model, version and minute: requests, service errors and a
/// latency histogram (log-spaced buckets, 12 per doubling, so a percentile is within 6% of the exact one). What the
/// serving-health report reads when no Log Analytics workspace is configured. Recording is two dictionary lookups
/// and two interlocked increments; minutes older than <see cref="Retention"/> are dropped as new ones start.
/// </summary>
public sealed class ServingStatistics
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(25);

    private const int BucketsPerDoubling = 12;
    private const double SmallestMs = 0.01;
    private const int Buckets = BucketsPerDoubling * 24; // 0.01 ms .. ~168 s; slower lands in the last bucket

    private readonly ConcurrentDictionary<(string Model, int Version, long Minute), Slot> _slots = new();
    private readonly TimeProvider _clock;
    private long _prunedUpTo;

    public ServingStatistics(TimeProvider clock) => _clock = clock;

    public void Record(string model, int version, bool serviceError, double milliseconds)
    {
        long minute = _clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        Slot slot = _slots.GetOrAdd((model, version, minute), static _ => new Slot());
        Interlocked.Increment(ref slot.Requests);
        if (serviceError)
        {
            Interlocked.Increment(ref slot.Errors);
        }

        Interlocked.Increment(ref slot.Latency[Bucket(milliseconds)]);
        if (minute > Volatile.Read(ref _prunedUpTo) + 60)
        {
            Prune(minute);
        }
    }

    /// <summary>Per version, the requests answered in whole minutes inside [start, end).</summary>
    public IReadOnlyList<ServingVersionHealth> Read(string model, DateTimeOffset start, DateTimeOffset end)
    {
        long from = start.UtcTicks / TimeSpan.TicksPerMinute;
        long to = end.UtcTicks / TimeSpan.TicksPerMinute;
        var result = new List<ServingVersionHealth>();
        foreach (IGrouping<int, KeyValuePair<(string Model, int Version, long Minute), Slot>> version in _slots
            .Where(s => s.Key.Model == model && s.Key.Minute >= from && s.Key.Minute <= to).GroupBy(s => s.Key.Version).OrderBy(g => g.Key))
        {
            long requests = 0;
            long errors = 0;
            long[] latency = new long[Buckets];
            foreach (Slot slot in version.Select(s => s.Value))
            {
                requests += Interlocked.Read(ref slot.Requests);
                errors += Interlocked.Read(ref slot.Errors);
                for (int i = 0; i < Buckets; i++)
                {
                    latency[i] += Interlocked.Read(ref slot.Latency[i]);
                }
            }

            result.Add(new ServingVersionHealth
            {
                Version = version.Key, Requests = requests, Errors = errors,
                P50Ms = Percentile(latency, 0.50), P95Ms = Percentile(latency, 0.95), P99Ms = Percentile(latency, 0.99),
            });
        }

        return result;
    }

    private void Prune(long now)
    {
        long oldest = now - (long)Retention.TotalMinutes;
        Volatile.Write(ref _prunedUpTo, now);
        foreach ((string Model, int Version, long Minute) key in _slots.Keys.Where(k => k.Minute < oldest))
        {
            _slots.TryRemove(key, out _);
        }
    }

    private static int Bucket(double milliseconds) =>
        milliseconds <= SmallestMs ? 0 : Math.Min(Buckets - 1, (int)Math.Ceiling(Math.Log2(milliseconds / SmallestMs) * BucketsPerDoubling));

    /// <summary>The upper bound of the bucket that holds the q-th request, rounded to the microsecond.</summary>
    private static double? Percentile(long[] latency, double q)
    {
        long total = latency.Sum();
        if (total == 0)
        {
            return null;
        }

        long rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (int i = 0; i < latency.Length; i++)
        {
            seen += latency[i];
            if (seen >= rank)
            {
                return Math.Round(SmallestMs * Math.Pow(2, (double)i / BucketsPerDoubling), 3);
            }
        }

        return null;
    }

    private sealed class Slot
    {
#pragma warning disable SA1401, CA1051 // fields, for Interlocked
        public long Requests;
        public long Errors;
        public readonly long[] Latency = new long[Buckets];
#pragma warning restore SA1401, CA1051
    }
}
