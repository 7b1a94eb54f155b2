using System.Text.Json.Serialization;

namespace MlOps.Core.Runs;

/// <summary>Where a pipeline run stands. Terminal states say why the run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    Running,

    /// <summary>A version was registered (and promoted when the deployment mode allows).</summary>
    Succeeded,

    /// <summary>The challenger did not pass its gates; production is unchanged.</summary>
    NotPromoted,

    /// <summary>The data failed validation before training.</summary>
    Rejected,

    /// <summary>Nothing to do: the same content with the same spec was already trained.</summary>
    Skipped,

    WaitingForApproval,

    /// <summary>No approval arrived before the timeout; production is unchanged.</summary>
    Expired,

    Failed,
}
