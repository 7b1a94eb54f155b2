namespace MlOps.Core.Storage;

/// <summary>How the embedded Azurite is started when no storage is configured.</summary>
public sealed class AzuriteOptions
{
    public const string SectionName = "Azurite";

    /// <summary>Blob port; 0 picks a free port (queue and table follow with their own free ports).</summary>
    public int BlobPort { get; set; } = 10000;

    public int QueuePort { get; set; } = 10001;

    public int TablePort { get; set; } = 10002;

    /// <summary>Folder holding infra/package.json; found by walking up from the program and the working directory when empty.</summary>
    public string? InfraDirectory { get; set; }

    /// <summary>Where Azurite keeps its data; defaults to .azurite beside infra/.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Keep data only in memory (tests and benchmarks).</summary>
    public bool InMemory { get; set; }

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Run Azurite below normal CPU priority (nice 10), so that when the cores are busy the host's request threads go
    /// first and the emulator's work (appending the prediction log, answering the durable backend's polls) fills the gaps.
    /// </summary>
    public bool BelowNormalPriority { get; set; } = true;
}
