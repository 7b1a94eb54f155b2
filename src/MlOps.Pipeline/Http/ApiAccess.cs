namespace MlOps.Pipeline.Http;

/// <summary>Who may call a route: anonymous probes, anyone who may read, or a caller allowed to change state.</summary>
public enum ApiAccess
{
    /// <summary>No key in either host (health probes).</summary>
    Anonymous,

    /// <summary>Reads, and predictions: locally open on the loopback API, a function key in Azure.</summary>
    Read,

    /// <summary>Changes stored state (specs, runs, aliases, approvals, monitors, feedback): the API key locally, a function key in Azure.</summary>
    ChangesState,
}
