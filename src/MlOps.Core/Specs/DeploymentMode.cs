using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>What happens after a challenger passes its gates.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeploymentMode>))]
public enum DeploymentMode
{
    /// <summary>The gate decides: a passing challenger becomes production.</summary>
    Auto,

    /// <summary>The run waits for a human approval (with a timeout) before promoting.</summary>
    Approval,

    /// <summary>Register the version only; promotion is a separate call.</summary>
    Manual,
}
