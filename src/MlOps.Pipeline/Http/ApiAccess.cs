namespace MlOps.Pipeline.Http;

/// <summary>Who may call a route: the role a caller needs (<see cref="ApiAccessExtensions.RequiredRole"/>), or nobody in particular.</summary>
public enum ApiAccess
{
    /// <summary>No key in either host (health probes).</summary>
    Anonymous,

    /// <summary>Reads: the reader role, which every key and signed-in caller has; locally open on the loopback API.</summary>
    Read,

    /// <summary>Predictions and late labels: the predictor role.</summary>
    Predict,

    /// <summary>Changes what the pipeline trains and watches (specs, runs, monitors): the trainer role.</summary>
    ChangesState,

    /// <summary>Decides what serves (promote, rollback, approve, reject): the approver role.</summary>
    Approve,
}
