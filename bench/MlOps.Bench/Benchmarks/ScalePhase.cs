namespace MlOps.Bench.Benchmarks;

/// <summary>
/// One phase of the scale benchmark: a number of runs kept <see cref="Concurrency"/> at a time in flight on
/// <see cref="Hosts"/> hosts sharing one task hub, and what came of them.
/// </summary>
internal sealed record ScalePhase
{
    public required int Hosts { get; init; }

    public required int Concurrency { get; init; }

    public required int Runs { get; init; }

    /// <summary>Runs that ended Succeeded with their version in production.</summary>
    public int Deployed { get; init; }

    /// <summary>Runs that did not: never started, never ended, or ended otherwise (each with the reason).</summary>
    public IReadOnlyList<string> Lost { get; init; } = [];

    /// <summary>From the first upload's start to the last run's end.</summary>
    public double WallSeconds { get; init; }

    public double RunsPerMinute => WallSeconds > 0 ? (Runs - Lost.Count) * 60 / WallSeconds : 0;

    /// <summary>Each deployed run's upload end to its production alias being set, in seconds, sorted.</summary>
    public IReadOnlyList<double> Latencies { get; init; } = [];

    /// <summary>Median per run: upload end to the run record (the watcher's poll), seconds.</summary>
    public double MedianToStart { get; init; }

    /// <summary>Median per run: the steps' own durations summed (ingest, train, evaluate, deploy), seconds.</summary>
    public double MedianSteps { get; init; }

    /// <summary>Median per run: the train step alone, seconds.</summary>
    public double MedianTrain { get; init; }

    /// <summary>Median per run: the run's wall time less its steps (queues, dispatch, orchestrator episodes), seconds.</summary>
    public double MedianWaiting { get; init; }

    /// <summary>Average cores during the phase: this process (every host), Azurite, the rest of the machine.</summary>
    public required (double Hosts, double Azurite, double Others) Cores { get; init; }

    public required IReadOnlyList<WorkerLogCounter> Workers { get; init; }

    /// <summary>Task hub partition leases per host name at the end of the phase; empty where they could not be read.</summary>
    public required IReadOnlyDictionary<string, int> Leases { get; init; }

    public double Percentile(double fraction) =>
        Latencies.Count == 0 ? double.NaN : Latencies[Math.Clamp((int)Math.Ceiling(fraction * Latencies.Count) - 1, 0, Latencies.Count - 1)];
}
