namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// A window of live inputs compared with the training profile, column by column, plus the model's outputs against
/// its reference predictions. <see cref="Columns"/> lists the most drifted first. The dataset drifts when at least
/// <see cref="DatasetShare"/> of the compared columns drift; prediction drift is reported apart and does not count.
/// </summary>
public sealed record DriftReport
{
    /// <summary>The window's id: one report per model and window.</summary>
    public required string Id { get; init; }

    public required string Model { get; init; }

    public int? Version { get; init; }

    public required MonitoringWindow Window { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? DatasetVersion { get; init; }

    public int? SpecVersion { get; init; }

    /// <summary>Rows of the dataset the reference profile describes.</summary>
    public long ReferenceRows { get; init; }

    /// <summary>Logged rows in the window.</summary>
    public long Rows { get; init; }

    public IReadOnlyDictionary<int, long> RowsByVersion { get; init; } = new Dictionary<int, long>();

    public long MalformedLines { get; init; }

    /// <summary>Values kept per numeric column of the window; with at least as many as the window has rows, nothing is sampled.</summary>
    public int SampleCap { get; init; }

    /// <summary>True when some column's window values were sampled down to the cap.</summary>
    public bool Sampled { get; init; }

    /// <summary>The spec's method override, applied to every column; null for the sample-size-aware default.</summary>
    public DriftMethod? MethodOverride { get; init; }

    /// <summary>The policy in words, with its thresholds.</summary>
    public required string Policy { get; init; }

    public IReadOnlyList<ColumnDrift> Columns { get; init; } = [];

    public int ColumnsCompared { get; init; }

    public int ColumnsDrifted { get; init; }

    /// <summary>Drifted columns over compared columns (0 when none could be compared).</summary>
    public double DriftedShare { get; init; }

    public double DatasetShare { get; init; }

    public bool DatasetDrifted { get; init; }

    /// <summary>The outputs' drift, or the reason it was not measured (<see cref="ColumnDrift.Skipped"/>).</summary>
    public required ColumnDrift PredictionDrift { get; init; }

    /// <summary>The drifted columns' names, most drifted first.</summary>
    public IReadOnlyList<string> MostDrifted => [.. Columns.Where(c => c.Drifted).Select(c => c.Column)];
}
