namespace MlOps.Core.Cost;

/// <summary>
/// Counts storage requests by service and class, with their bytes; safe to add to from any thread. The counters of
/// the unit of work in progress flow with the async context (<see cref="Current"/>), so a request made anywhere
/// below an activity is counted for that activity.
/// </summary>
public sealed class StorageCounters
{
    private static readonly AsyncLocal<StorageCounters?> Ambient = new();
    private static readonly int Classes = Enum.GetValues<StorageOperationClass>().Length;

    // [service * classes + class] * 2: count, then bytes.
    private readonly long[] _cells = new long[Enum.GetValues<StorageService>().Length * Classes * 2];

    /// <summary>The counters of the unit of work this async flow belongs to; null outside any.</summary>
    public static StorageCounters? Current => Ambient.Value;

    /// <summary>Counts this flow's requests in <paramref name="counters"/> until the returned scope is disposed.</summary>
    public static Capture CaptureInto(StorageCounters counters) => new(counters);

    public void Add(StorageService service, StorageOperationClass operation, long bytes)
    {
        int cell = ((int)service * Classes + (int)operation) * 2;
        Interlocked.Increment(ref _cells[cell]);
        if (bytes > 0)
        {
            Interlocked.Add(ref _cells[cell + 1], bytes);
        }
    }

    /// <summary>Adds everything <paramref name="other"/> counted.</summary>
    public void Add(IEnumerable<StorageOperations> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (StorageOperations operations in other)
        {
            int cell = ((int)operations.Service * Classes + (int)operations.Class) * 2;
            Interlocked.Add(ref _cells[cell], operations.Count);
            Interlocked.Add(ref _cells[cell + 1], operations.Bytes);
        }
    }

    /// <summary>The non-zero counts so far.</summary>
    public IReadOnlyList<StorageOperations> Snapshot() => Read(reset: false);

    /// <summary>The non-zero counts so far, and zero them (each request is returned by exactly one call).</summary>
    public IReadOnlyList<StorageOperations> Take() => Read(reset: true);

    private List<StorageOperations> Read(bool reset)
    {
        var operations = new List<StorageOperations>();
        for (int cell = 0; cell < _cells.Length; cell += 2)
        {
            long count = reset ? Interlocked.Exchange(ref _cells[cell], 0) : Volatile.Read(ref _cells[cell]);
            long bytes = reset ? Interlocked.Exchange(ref _cells[cell + 1], 0) : Volatile.Read(ref _cells[cell + 1]);
            if (count > 0)
            {
                operations.Add(new StorageOperations
                {
                    Service = (StorageService)(cell / 2 / Classes), Class = (StorageOperationClass)(cell / 2 % Classes), Count = count, Bytes = bytes,
                });
            }
        }

        return operations;
    }

    /// <summary>Restores the flow's previous counters when disposed.</summary>
    public readonly struct Capture : IDisposable
    {
        private readonly StorageCounters? _previous;

        internal Capture(StorageCounters counters)
        {
            _previous = Ambient.Value;
            Ambient.Value = counters;
        }

        public void Dispose() => Ambient.Value = _previous;
    }
}
