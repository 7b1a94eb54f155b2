using MlOps.Core.Registry;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>What a drift report is about, beyond the data: the model and version, the window, where the reference came from.</summary>
public sealed record DriftContext
{
    public required string Model { get; init; }

    /// <summary>The version being watched (production); the window may hold rows of others, counted in the report.</summary>
    public int? Version { get; init; }

    public required MonitoringWindow Window { get; init; }

    /// <summary>When the report was made (passed in, so activities stay deterministic and testable).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public string? DatasetVersion { get; init; }

    public int? SpecVersion { get; init; }

    /// <summary>Malformed log lines skipped while reading the window (from <see cref="Log.PredictionLogScan"/>).</summary>
    public long MalformedLines { get; init; }

    /// <summary>A context for a registered version: its model, number, dataset and spec version.</summary>
    public static DriftContext For(ModelVersionRecord version, MonitoringWindow window, DateTimeOffset createdAt, long malformedLines = 0)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new DriftContext
        {
            Model = version.Model,
            Version = version.Version,
            Window = window,
            CreatedAt = createdAt,
            DatasetVersion = version.DatasetVersion,
            SpecVersion = version.SpecVersion,
            MalformedLines = malformedLines,
        };
    }
}
