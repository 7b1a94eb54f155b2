namespace MlOps.Core.Cost;

/// <summary>
/// How a plan turns measured time into billed time. Flex Consumption bills the instance's memory for the time it is
/// active, at least one second and then in 100 ms steps; executions that overlap on one instance share that time,
/// and every orchestrator replay counts as an execution (awaiting is not billed).
/// </summary>
public sealed record BillingRules
{
    /// <summary>Shortest billed active period.</summary>
    public double MinimumSeconds { get; init; } = 1.0;

    /// <summary>Billed time is rounded up to a multiple of this.</summary>
    public double IncrementSeconds { get; init; } = 0.1;

    /// <summary>Whether each orchestrator replay is billed as an execution (true on both consumption plans).</summary>
    public bool ReplayIsExecution { get; init; } = true;

    /// <summary>
    /// Whether the billed memory is the instance's configured memory (Flex Consumption) rather than the observed
    /// peak rounded up to <see cref="ObservedMemoryStepMb"/> (Consumption).
    /// </summary>
    public bool BillsInstanceMemory { get; init; } = true;

    public int ObservedMemoryStepMb { get; init; } = 128;

    /// <summary>The largest memory the plan bills for observed use (Consumption: 1.5 GB).</summary>
    public int MaximumObservedMemoryMb { get; init; } = 1536;

    /// <summary>The billed seconds for an active period: nothing when nothing ran, else the minimum, then whole increments.</summary>
    public double BillableSeconds(double activeSeconds)
    {
        if (activeSeconds <= 0)
        {
            return 0;
        }

        // Rounded to a microsecond first so that 0.3 s measured as 0.30000000000000004 s is not billed as 0.4 s.
        double steps = Math.Ceiling(Math.Round(activeSeconds / IncrementSeconds, 6));
        return Math.Max(MinimumSeconds, steps * IncrementSeconds);
    }

    /// <summary>The memory billed, in GB, for an instance configured with <paramref name="instanceMemoryMb"/> whose work peaked at <paramref name="peakBytes"/>.</summary>
    public double BilledMemoryGb(int instanceMemoryMb, long peakBytes)
    {
        if (BillsInstanceMemory)
        {
            return instanceMemoryMb / 1024.0;
        }

        double observedMb = Math.Ceiling(peakBytes / (1024.0 * 1024.0) / ObservedMemoryStepMb) * ObservedMemoryStepMb;
        return Math.Clamp(observedMb, ObservedMemoryStepMb, MaximumObservedMemoryMb) / 1024.0;
    }
}
