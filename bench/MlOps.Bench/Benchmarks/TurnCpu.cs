using System.Globalization;

namespace MlOps.Bench.Benchmarks;

/// <summary>CPU microseconds per request of one serving turn: this process, its Azurite child, and wrk (reaped when it ends).</summary>
internal sealed record TurnCpu(double Host, double Azurite, double Wrk)
{
    public double Total => Host + Azurite + Wrk;

    public static TurnCpu PerRequest(CpuSnapshot before, CpuSnapshot after, long requests)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        double perRequest = 1e6 / Math.Max(1, requests);
        return new TurnCpu(
            (after.Self - before.Self) * perRequest, (after.Children - before.Children) * perRequest, (after.ReapedChildren - before.ReapedChildren) * perRequest);
    }

    public static TurnCpu Mean(IReadOnlyCollection<TurnCpu> turns) =>
        new(turns.Average(t => t.Host), turns.Average(t => t.Azurite), turns.Average(t => t.Wrk));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host:F1} / {Azurite:F1} / {Wrk:F1}");
}
