using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace MlOps.Core.Cost;

/// <summary>
/// Measures units of work in this process. The process's CPU time and active time are divided among the units running
/// at the time (serving counting for the share of the interval it had requests in flight), at every start and end
/// and four times a second, so concurrent units share what they used together the way Flex Consumption bills it;
/// time when nothing ran is idle (not billed on demand). Memory is the process's working set, sampled as often.
/// Storage requests are counted by <see cref="StorageMeteringPolicy"/> into the unit's counters.
/// </summary>
public sealed class UsageMeter : IDisposable
{
    private const int SampleMilliseconds = 250;

    private readonly Lock _gate = new();
    private readonly List<UsageScope> _active = [];
    private readonly Timer? _sampler;
    private long _lastTimestamp;
    private TimeSpan _lastCpu;
    private long _lastServingBusy;

    // Serving's busy time: the time at least one request was in flight.
    private long _inFlight;
    private long _busySince;
    private long _busyTicks;

    // Serving's and idle shares since they were last taken, and the peak since then.
    private double _servingActiveMs;
    private double _servingCpuMs;
    private double _idleCpuMs;
    private long _servingPeak;
    private long _idlePeak;

    public UsageMeter(IOptions<CostOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Enabled = options.Value.Accounting;
        if (Enabled)
        {
            _lastTimestamp = Stopwatch.GetTimestamp();
            _lastCpu = Environment.CpuUsage.TotalTime;
            _sampler = new Timer(_ => Settle(), null, SampleMilliseconds, SampleMilliseconds);
        }
    }

    /// <summary>False when cost accounting is switched off (<see cref="CostOptions.Accounting"/>): nothing is measured.</summary>
    public bool Enabled { get; }

    /// <summary>Storage requests made outside any unit of work (the API's reads, watchers).</summary>
    public StorageCounters Unattributed { get; } = new();

    /// <summary>The durable backend's own storage requests (task hub queues, history and instance tables, leases).</summary>
    public StorageCounters Backend { get; } = new();

    /// <summary>Starts measuring a unit of work; its storage requests in this async flow are counted for it until it completes.</summary>
    public UsageScope Begin(CostAttribution attribution)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        var scope = new UsageScope(this, attribution, Stopwatch.GetTimestamp());
        if (Enabled)
        {
            lock (_gate)
            {
                SettleLocked();
                _active.Add(scope);
                scope.ObservePeak(Environment.WorkingSet);
            }
        }

        return scope;
    }

    /// <summary>Marks a prediction request as in flight; pair with <see cref="ServingEnded"/>. Cheap enough for the request path.</summary>
    public void ServingStarted()
    {
        if (Enabled && Interlocked.Increment(ref _inFlight) == 1)
        {
            Volatile.Write(ref _busySince, Stopwatch.GetTimestamp());
        }
    }

    public void ServingEnded()
    {
        if (Enabled && Interlocked.Decrement(ref _inFlight) == 0)
        {
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - Volatile.Read(ref _busySince));
        }
    }

    /// <summary>Serving's share of active and CPU time, and the peak working set, since the last call.</summary>
    public (double ActiveMs, double CpuMs, long PeakBytes) TakeServing()
    {
        lock (_gate)
        {
            SettleLocked();
            var taken = (_servingActiveMs, _servingCpuMs, _servingPeak);
            (_servingActiveMs, _servingCpuMs, _servingPeak) = (0, 0, 0);
            return taken;
        }
    }

    /// <summary>CPU time when no unit of work and no request ran, and the peak working set, since the last call.</summary>
    public (double CpuMs, long PeakBytes) TakeIdle()
    {
        lock (_gate)
        {
            SettleLocked();
            var taken = (_idleCpuMs, _idlePeak);
            (_idleCpuMs, _idlePeak) = (0, 0);
            return taken;
        }
    }

    public void Dispose() => _sampler?.Dispose();

    internal ResourceUsage End(UsageScope scope)
    {
        if (Enabled)
        {
            lock (_gate)
            {
                SettleLocked();
                _active.Remove(scope);
            }
        }

        return scope.Usage(Stopwatch.GetTimestamp());
    }

    private void Settle()
    {
        lock (_gate)
        {
            SettleLocked();
        }
    }

    private void SettleLocked()
    {
        long now = Stopwatch.GetTimestamp();
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        long busy = Volatile.Read(ref _busyTicks) + (Volatile.Read(ref _inFlight) > 0 ? now - Volatile.Read(ref _busySince) : 0);
        long elapsed = now - _lastTimestamp;
        if (elapsed <= 0)
        {
            return;
        }

        double wallMs = Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalMilliseconds;
        double cpuMs = Math.Max(0, (cpu - _lastCpu).TotalMilliseconds);
        double serving = Math.Clamp((double)(busy - _lastServingBusy) / elapsed, 0, 1);
        long workingSet = Environment.WorkingSet;
        int units = _active.Count;
        if (units == 0)
        {
            // Only serving (for the part of the interval it was busy) or nothing ran.
            _servingActiveMs += wallMs * serving;
            _servingCpuMs += cpuMs * serving;
            _idleCpuMs += cpuMs * (1 - serving);
            _idlePeak = Math.Max(_idlePeak, workingSet);
        }
        else
        {
            double weights = units + serving;
            foreach (UsageScope scope in _active)
            {
                scope.AddShare(wallMs / weights, cpuMs / weights);
                scope.ObservePeak(workingSet);
            }

            _servingActiveMs += wallMs * serving / weights;
            _servingCpuMs += cpuMs * serving / weights;
        }

        if (serving > 0)
        {
            _servingPeak = Math.Max(_servingPeak, workingSet);
        }

        _lastTimestamp = now;
        _lastCpu = cpu;
        _lastServingBusy = busy;
    }
}
