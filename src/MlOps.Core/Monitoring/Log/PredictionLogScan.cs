namespace MlOps.Core.Monitoring.Log;

/// <summary>
/// What reading a window of the prediction log came across, filled in while the rows stream: malformed lines are
/// counted (with the first few reasons) instead of failing the monitor, because one bad writer must not hide a window.
/// </summary>
public sealed class PredictionLogScan
{
    private readonly ProblemSample _malformed = new();

    public long Blobs { get; internal set; }

    /// <summary>Non-blank lines read.</summary>
    public long Lines { get; internal set; }

    /// <summary>Lines that parsed and fell inside the window.</summary>
    public long Rows { get; internal set; }

    public long Malformed => _malformed.Count;

    /// <summary>Lines of the hour partitions the window touches whose timestamp lies outside it.</summary>
    public long OutsideWindow { get; internal set; }

    /// <summary>The earliest and latest timestamps of the lines outside the window, so a skipped window says where its rows were.</summary>
    public DateTimeOffset? EarliestOutside { get; private set; }

    public DateTimeOffset? LatestOutside { get; private set; }

    /// <summary>The first few malformed lines: where and why.</summary>
    public IReadOnlyList<string> Problems => _malformed.First;

    internal void AddOutside(DateTimeOffset at)
    {
        OutsideWindow++;
        EarliestOutside = EarliestOutside is { } earliest && earliest <= at ? earliest : at;
        LatestOutside = LatestOutside is { } latest && latest >= at ? latest : at;
    }

    internal void AddMalformed(string problem) => _malformed.Add(problem);
}
