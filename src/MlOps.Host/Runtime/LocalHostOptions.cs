using System.ComponentModel.DataAnnotations;

namespace MlOps.Host.Runtime;

/// <summary>Settings of the local `mlops` host (section "Host").</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "Host";

    /// <summary>Where the HTTP API listens; loopback by default. Port 0 picks a free port.</summary>
    [Required]
    public string ApiUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>The durable task hub; hosts sharing one storage account and hub share the work.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHub { get; set; } = "mlops";

    /// <summary>
    /// The name this host holds task hub partition leases under; empty is the machine name. Leases are owned by name:
    /// a host restarted under the same name takes its partitions back at once, and two hosts sharing a task hub under
    /// one name (two on one machine) would each take every partition as its own, so such hosts each need their own name.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    public string? WorkerName { get; set; }

    /// <summary>Upper bound of the durable backend's queue polling back-off: the idle-to-busy latency of each step.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan QueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a queue message the durable backend handed to a host stays invisible to the others. Work that is still
    /// running has it renewed every third of this, so it only runs out for a host that died: this bounds how long
    /// work interrupted by a crash waits before another host (or the restarted one) takes it up again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the blob watcher lists datasets/ for new blob versions.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan WatcherPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Watch the datasets container and start runs for new uploads.</summary>
    public bool WatchBlobs { get; set; } = true;

    /// <summary>
    /// Where the running host records its API address and storage endpoints for the CLI (removed on a clean stop);
    /// empty records nothing (the demo's throw-away host, tests).
    /// </summary>
    public string? DiscoveryFile { get; set; } = HostDiscovery.DefaultPath;

    /// <summary>The key with every role (x-api-key); generated once into ~/.mlops/api-key when empty.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Named keys with roles (Host:Keys:alice:Key, Host:Keys:alice:Roles=approver): the name is the principal the
    /// promotion history records. Once any is set, reads and predictions need a key too.
    /// </summary>
    public Dictionary<string, LocalApiKey> Keys { get; set; } = [];
}
