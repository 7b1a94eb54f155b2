using System.Collections.Concurrent;
using System.Globalization;

namespace MlOps.Core.Cost;

/// <summary>
/// Serving's counters per model version and hour on this instance: requests and rows (counted on the request path
/// with two interlocked adds), prediction-log bytes and appends (counted by the log's background writer), and
/// storage requests. <see cref="CostRecorder"/> writes them to the ledger in the background, each hour's totals
/// replacing the row it wrote before.
/// </summary>
public sealed class ServingMeter
{
    private readonly ConcurrentDictionary<(string Model, int Version, long Hour), Cell> _cells = new();
    private readonly UsageMeter _usage;

    public ServingMeter(UsageMeter usage)
    {
        _usage = usage;
    }

    public bool Enabled => _usage.Enabled;

    /// <summary>This process's name in serving rows: the machine, the process id and its start time (a restarted container may reuse its pid).</summary>
    public static string Instance { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x}");

    /// <summary>Counts an answered request for the hour of <paramref name="at"/>.</summary>
    public void RecordRequest(string model, int version, int rows, DateTimeOffset at)
    {
        if (!Enabled)
        {
            return;
        }

        Cell cell = CellFor(model, version, at);
        Interlocked.Increment(ref cell.Requests);
        Interlocked.Add(ref cell.Rows, rows);
    }

    /// <summary>
    /// Counts a log block of <paramref name="model"/>: its storage requests, and once appended its compressed bytes,
    /// shared among the versions by how many uncompressed bytes of their rows it held.
    /// </summary>
    public void RecordLogAppend(
        string model, DateTimeOffset hour, IReadOnlyDictionary<int, long> rawBytesByVersion, IReadOnlyList<StorageOperations> storage, long appendedBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(rawBytesByVersion);
        ArgumentNullException.ThrowIfNull(storage);
        long raw = rawBytesByVersion.Values.Sum();
        if (!Enabled || raw <= 0)
        {
            return;
        }

        foreach ((int version, long bytes) in rawBytesByVersion)
        {
            double share = (double)bytes / raw;
            Cell cell = CellFor(model, version, hour);
            lock (cell)
            {
                if (appendedBytes > 0)
                {
                    cell.LogBytes += appendedBytes * share;
                    cell.LogAppends += share;
                }

                foreach (StorageOperations operations in storage)
                {
                    cell.Storage.TryGetValue((operations.Service, operations.Class), out (double Count, double Bytes) sum);
                    cell.Storage[(operations.Service, operations.Class)] = (sum.Count + operations.Count * share, sum.Bytes + operations.Bytes * share);
                }
            }
        }
    }

    /// <summary>
    /// The hours' totals so far, with serving's share of CPU and active time since the last call added to the cells
    /// that served rows since then (by rows). Cells of hours before <paramref name="keepFrom"/> are returned one last time and dropped.
    /// </summary>
    public IReadOnlyList<ServingTotals> Collect(DateTimeOffset keepFrom)
    {
        (double activeMs, double cpuMs, long peak) = _usage.TakeServing();
        var cells = _cells.ToArray();
        long newRows = cells.Sum(c => Volatile.Read(ref c.Value.Rows) - c.Value.RowsAtLastCollect);
        var totals = new List<ServingTotals>(cells.Length);
        foreach (((string model, int version, long hour), Cell cell) in cells)
        {
            lock (cell)
            {
                long rows = Volatile.Read(ref cell.Rows);
                if (newRows > 0)
                {
                    double share = (double)(rows - cell.RowsAtLastCollect) / newRows;
                    cell.ActiveMs += activeMs * share;
                    cell.CpuMs += cpuMs * share;
                    if (share > 0)
                    {
                        cell.PeakBytes = Math.Max(cell.PeakBytes, peak);
                    }
                }

                cell.RowsAtLastCollect = rows;
                totals.Add(new ServingTotals(model, version, new DateTimeOffset(hour, TimeSpan.Zero), new ServingCounts
                {
                    Requests = Volatile.Read(ref cell.Requests), Rows = rows, LogBytes = cell.LogBytes, LogAppends = cell.LogAppends,
                }, new ResourceUsage
                {
                    ActiveMs = cell.ActiveMs, WallMs = cell.ActiveMs, CpuMs = cell.CpuMs, PeakMemoryBytes = cell.PeakBytes, Executions = Volatile.Read(ref cell.Requests),
                    Storage = [.. cell.Storage.Select(s => new StorageOperations
                    {
                        Service = s.Key.Service, Class = s.Key.Class, Count = (long)Math.Round(s.Value.Count), Bytes = (long)Math.Round(s.Value.Bytes),
                    })],
                }));
            }

            if (hour < keepFrom.UtcTicks)
            {
                _cells.TryRemove((model, version, hour), out _);
            }
        }

        return totals;
    }

    private Cell CellFor(string model, int version, DateTimeOffset at)
    {
        long hour = at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour);
        return _cells.GetOrAdd((model, version, hour), static _ => new Cell());
    }

    private sealed class Cell
    {
        public long Requests;
        public long Rows;
        public long RowsAtLastCollect;
        public double LogBytes;
        public double LogAppends;
        public double ActiveMs;
        public double CpuMs;
        public long PeakBytes;
        public readonly Dictionary<(StorageService Service, StorageOperationClass Class), (double Count, double Bytes)> Storage = [];
    }
}
