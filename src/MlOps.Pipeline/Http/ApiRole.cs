using System.Text.Json.Serialization;

namespace MlOps.Pipeline.Http;

/// <summary>A caller's role: an app role of the Entra ID app in Azure, a key's role locally.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiRole>))]
public enum ApiRole
{
    /// <summary>Reads everything (GET).</summary>
    Reader,

    /// <summary>Predicts and sends late labels.</summary>
    Predictor,

    /// <summary>Sets specs, starts runs and monitors.</summary>
    Trainer,

    /// <summary>Promotes, rolls back, approves and rejects.</summary>
    Approver,
}
