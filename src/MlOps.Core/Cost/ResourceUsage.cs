namespace MlOps.Core.Cost;

/// <summary>What one unit of work measurably used: its time, CPU, memory, executions and storage operations.</summary>
public sealed record ResourceUsage
{
    /// <summary>Elapsed time from start to end.</summary>
    public double WallMs { get; init; }

    /// <summary>
    /// Its share of the instance's active time: while several units run on one instance they share that time (the
    /// way Flex Consumption bills it), so the shares of concurrent units add up to the time the instance was busy.
    /// </summary>
    public double ActiveMs { get; init; }

    /// <summary>Its share of the process's CPU time, divided the same way as <see cref="ActiveMs"/>.</summary>
    public double CpuMs { get; init; }

    /// <summary>The process's largest working set while the unit ran.</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>Function executions: one per activity, one per orchestrator replay, one per HTTP request.</summary>
    public double Executions { get; init; }

    /// <summary>Storage requests by service and class (each retry is a request).</summary>
    public IReadOnlyList<StorageOperations> Storage { get; init; } = [];

    public long StorageCount(StorageService service) => Storage.Where(s => s.Service == service).Sum(s => s.Count);
}
