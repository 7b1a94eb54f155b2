using System.Globalization;

namespace MlOps.Core.Monitoring;

/// <summary>
/// The span [Start, End) of logged predictions a monitor run looks at. <see cref="Id"/> is derived from the bounds
/// only, so a retried or repeated run over the same window writes the same report keys (idempotent activities).
/// </summary>
public sealed record MonitoringWindow
{
    public MonitoringWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentException($"The window must end after it starts ({start:O} .. {end:O}).", nameof(end));
        }

        Start = start.ToUniversalTime();
        End = end.ToUniversalTime();
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    /// <summary>"20261127T030000Z-20261128T030000Z": sortable, and valid in table keys and blob names.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"{Start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{End.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");

    /// <summary>The window of length <paramref name="length"/> that ends at <paramref name="end"/>.</summary>
    public static MonitoringWindow Ending(DateTimeOffset end, TimeSpan length) => new(end - length, end);
}
