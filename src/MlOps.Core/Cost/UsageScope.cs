using System.Diagnostics;

namespace MlOps.Core.Cost;

/// <summary>
/// One unit of work being measured (<see cref="UsageMeter.Begin"/>): its storage requests flow to <see cref="Storage"/>
/// while it runs, and <see cref="Complete"/> ends it and returns what it used, counted as one execution.
/// </summary>
public sealed class UsageScope : IDisposable
{
    private readonly UsageMeter _meter;
    private readonly long _started;
    private readonly StorageCounters.Capture _capture;
    private double _activeMs;
    private double _cpuMs;
    private long _peak;
    private ResourceUsage? _usage;

    internal UsageScope(UsageMeter meter, CostAttribution attribution, long started)
    {
        _meter = meter;
        _started = started;
        Attribution = attribution;
        _capture = StorageCounters.CaptureInto(Storage);
    }

    public CostAttribution Attribution { get; }

    public StorageCounters Storage { get; } = new();

    /// <summary>Ends the unit (once) and returns its usage.</summary>
    public ResourceUsage Complete()
    {
        if (_usage is null)
        {
            _capture.Dispose();
            _usage = _meter.End(this);
        }

        return _usage;
    }

    public void Dispose() => Complete();

    internal void AddShare(double activeMs, double cpuMs)
    {
        _activeMs += activeMs;
        _cpuMs += cpuMs;
    }

    internal void ObservePeak(long workingSet) => _peak = Math.Max(_peak, workingSet);

    internal ResourceUsage Usage(long ended) => new()
    {
        WallMs = Stopwatch.GetElapsedTime(_started, ended).TotalMilliseconds,
        ActiveMs = _meter.Enabled ? _activeMs : 0,
        CpuMs = _cpuMs,
        PeakMemoryBytes = _peak,
        Executions = 1,
        Storage = Storage.Snapshot(),
    };
}
