namespace MlOps.Testing;

/// <summary>
/// Application Insights' ingestion endpoint (the connection string's IngestionEndpoint): POST /v2.1/track with one
/// telemetry item per line, Entra ID-authenticated when the resource disables local authentication.
/// </summary>
public sealed partial class LoopbackAzure
{
    /// <summary>The token audience of Application Insights ingestion (the double slash is the service's own).</summary>
    public const string IngestionScope = "https://monitor.azure.com//.default";

    /// <summary>What the exporter sent to /v2.1/track, one telemetry item (JSON) per element.</summary>
    public IReadOnlyList<string> TrackedItems =>
        [.. RequestsTo("/v2.1/track").Where(r => r.Authorization == "Bearer " + RecordingTokenCredential.TokenFor(IngestionScope))
            .SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))];

    // The documented success answer: every item received and accepted.
    private static Answer Track(RecordedRequest request)
    {
        if (Authorized(request, IngestionScope) is { } unauthorized)
        {
            return unauthorized;
        }

        int items = request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return new Answer(200, new { itemsReceived = items, itemsAccepted = items, errors = Array.Empty<object>() });
    }
}
