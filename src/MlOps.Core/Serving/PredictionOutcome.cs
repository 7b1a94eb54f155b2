using System.Text.Json;
using MlOps.Core.Artifacts;
using MlOps.Core.Serving.Explanations;

namespace MlOps.Core.Serving;

/// <summary>
/// The outcome tag of a prediction request on the mlops.predictions counter: "ok", or which failure it was. The
/// serving-health report counts every outcome but "ok" and "bad_request" (the caller's fault) as an error.
/// </summary>
public static class PredictionOutcome
{
    public const string Ok = "ok";
    public const string BadRequest = "bad_request";
    public const string NotFound = "not_found";
    public const string Unavailable = "unavailable";
    public const string Error = "error";

    /// <summary>The outcomes that count against the service's error rate.</summary>
    public static bool IsServiceError(string outcome) => outcome is not (Ok or BadRequest or NotFound);

    public static string Of(Exception exception) => exception switch
    {
        PredictionInputException or RequestTooLargeException or JsonException or ExplanationUnavailableException => BadRequest,
        ModelNotFoundException => NotFound,
        ArtifactIntegrityException or Azure.RequestFailedException => Unavailable,
        _ => Error,
    };
}
