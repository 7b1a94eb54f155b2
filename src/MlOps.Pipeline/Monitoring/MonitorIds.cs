using System.Globalization;

namespace MlOps.Pipeline.Monitoring;

/// <summary>Monitor instance ids: one per model and window end, so a timer that fires twice (or on two hosts) monitors a window once.</summary>
public static class MonitorIds
{
    public static string For(string model, DateTimeOffset windowEnd) =>
        string.Create(CultureInfo.InvariantCulture, $"monitor-{model}-{windowEnd.UtcDateTime:yyyyMMdd'T'HHmmss}");
}
