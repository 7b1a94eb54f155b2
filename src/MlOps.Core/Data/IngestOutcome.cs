namespace MlOps.Core.Data;

/// <summary>Ingest's verdict: a dataset version ready for training (by reference), or the reason the data was refused.</summary>
public sealed record IngestOutcome
{
    public bool Accepted { get; init; }

    /// <summary>Why the data was rejected, or why training is skipped.</summary>
    public string? Reason { get; init; }

    /// <summary>True when this content with this spec version was already trained: the run ends as Skipped.</summary>
    public bool Unchanged { get; init; }

    /// <summary>SHA-256 of the content.</summary>
    public string? DatasetVersion { get; init; }

    public int SpecVersion { get; init; }

    /// <summary>Folder in the prepared container with the splits and layout.json.</summary>
    public string? PreparedPrefix { get; init; }

    public long Rows { get; init; }

    /// <summary>Blob name (reports container) of the validation report, for accepted and rejected data alike.</summary>
    public string? ValidationReport { get; init; }

    public int ValidationErrors { get; init; }

    /// <summary>Warnings that did not stop the run (dropped columns, rows without a label, imbalance …).</summary>
    public List<string> Warnings { get; init; } = [];

    /// <summary>Training was refused before reading the data: the model's monthly budget is spent.</summary>
    public bool BudgetRefused { get; init; }

    public static IngestOutcome Rejected(string reason, int specVersion = 0, string? datasetVersion = null) =>
        new() { Accepted = false, Reason = reason, SpecVersion = specVersion, DatasetVersion = datasetVersion };
}
