using System.Text.Json.Serialization;

namespace MlOps.Core.Registry;

/// <summary>
/// Whether a registered version can be used. The row is written first (it allocates the version number) and its
/// artifact second, so until the artifact is stored and its SHA-256 checked the version is invisible: not listed,
/// not promotable, not served.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelVersionState>))]
public enum ModelVersionState
{
    /// <summary>The artifact is stored and verified (also what rows written before states existed mean).</summary>
    Ready,

    /// <summary>Numbered, artifact not yet verified: a deploy that stopped here completes it when it runs again.</summary>
    Registering,
}
