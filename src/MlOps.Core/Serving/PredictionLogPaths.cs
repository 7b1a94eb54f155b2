using System.Globalization;

namespace MlOps.Core.Serving;

/// <summary>
/// Where logged predictions live: predictions/{model}/date=yyyy-MM-dd/hour=HH/{instance}.jsonl.gz — append blobs,
/// partitioned by hour so monitors read exactly the window they need, one writer per instance.
/// </summary>
public static class PredictionLogPaths
{
    /// <summary>This process's writer name: machine and process id, so instances never append to each other's blobs.</summary>
    public static string ThisInstance { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}");

    public static string For(string model, DateTimeOffset at, string instance) =>
        string.Create(CultureInfo.InvariantCulture, $"{HourPrefix(model, at)}{instance}{PredictionLogFormat.Extension}");

    /// <summary>The hour's next blob for a writer whose blob is full: {instance}-{part}.jsonl.gz (part 1 is <paramref name="blob"/> itself).</summary>
    public static string Part(string blob, int part) =>
        part <= 1 ? blob : string.Create(CultureInfo.InvariantCulture, $"{blob[..^PredictionLogFormat.Extension.Length]}-{part}{PredictionLogFormat.Extension}");

    public static string HourPrefix(string model, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}/date={at.UtcDateTime:yyyy-MM-dd}/hour={at.UtcDateTime:HH}/");

    /// <summary>The hour partitions a window [from, to) touches.</summary>
    public static IEnumerable<string> HourPrefixes(string model, DateTimeOffset from, DateTimeOffset to)
    {
        var hour = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, from.UtcDateTime.Day, from.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        for (; hour < to; hour = hour.AddHours(1))
        {
            yield return HourPrefix(model, hour);
        }
    }
}
