using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MlOps.Core.AzureRest;

/// <summary>
/// What every Azure REST client here shares: JSON in and out over an Azure.Core pipeline (whose retry policy handles
/// throttling), failures turned into an <see cref="AzureRestException"/> that names the service, the status, Azure's
/// error code and message, and paging through next links.
/// </summary>
public abstract class AzureRestClient
{
    private readonly HttpPipeline _pipeline;
    private readonly int _maxPages;

    protected AzureRestClient(HttpPipeline pipeline, string service, int maxPages)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        Service = service;
        _maxPages = maxPages;
    }

    /// <summary>The ARM pipeline of <paramref name="pipelines"/>, for the constructors of the ARM clients.</summary>
    protected static HttpPipeline Management(AzureRestPipelines pipelines)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        return pipelines.Management;
    }

    /// <summary>The API's name in error messages.</summary>
    public string Service { get; }

    /// <summary>Sends one request and returns its JSON body; null for 204 No Content or an empty body.</summary>
    protected async Task<JsonDocument?> SendAsync(RequestMethod method, Uri uri, object? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        using HttpMessage message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body));
        }

        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw new AzureRestException(Service, ex.Status, ex.ErrorCode, $"{Service} could not be reached at {Describe(method, uri)}: {ex.Message}", ex);
        }

        Response response = message.Response;
        if (response.IsError)
        {
            throw Failure(method, uri, response);
        }

        if (response.Status == 204 || response.ContentStream is null)
        {
            return null;
        }

        BinaryData content = response.Content;
        if (content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(content.ToMemory());
        }
        catch (JsonException ex)
        {
            throw new AzureRestException(Service, response.Status, null, $"{Service} answered {Describe(method, uri)} with a body that is not JSON: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Every page of a paged answer: <paramref name="nextLink"/> reads the next page's address from a page (null on
    /// the last), which is requested with the same method and body. A link that repeats, or more pages than
    /// configured, ends the call with an error rather than looping.
    /// </summary>
    protected async IAsyncEnumerable<JsonDocument> PagesAsync(
        RequestMethod method, Uri first, object? body, Func<JsonElement, string?> nextLink, Func<Uri, bool>? isTrusted = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nextLink);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? uri = first;
        for (int page = 1; uri is not null; page++)
        {
            if (page > _maxPages)
            {
                throw new AzureRestException(Service, 0, null, $"{Service} returned more than {_maxPages} pages for {Describe(method, first)}; raise Azure:MaxPages if that is expected.");
            }

            JsonDocument? document = await SendAsync(method, uri, body, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                yield break;
            }

            string? next = nextLink(document.RootElement);
            yield return document;
            uri = null;
            if (!string.IsNullOrEmpty(next))
            {
                if (!seen.Add(next) || !Uri.TryCreate(next, UriKind.Absolute, out Uri? nextUri))
                {
                    throw new AzureRestException(Service, 0, null, $"{Service} returned an invalid or repeated next link '{next}' on page {page}.");
                }

                if (isTrusted is not null && !isTrusted(nextUri))
                {
                    throw new AzureRestException(Service, 0, null, $"{Service} returned a next link to another host ({nextUri.Host}); the app's token is not sent there.");
                }

                uri = nextUri;
            }
        }
    }

    /// <summary>True when <paramref name="link"/> is on the same scheme, host and port as <paramref name="endpoint"/>.</summary>
    protected static bool SameOrigin(Uri endpoint, Uri link)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(link);
        return Uri.Compare(endpoint, link, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary>An absolute URI under <paramref name="endpoint"/> for a path that may start with a slash.</summary>
    protected static Uri Combine(Uri endpoint, string path)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(path);
        string root = endpoint.AbsoluteUri.EndsWith('/') ? endpoint.AbsoluteUri : endpoint.AbsoluteUri + "/";
        return new Uri(root + path.TrimStart('/'));
    }

    private AzureRestException Failure(RequestMethod method, Uri uri, Response response)
    {
        (string? code, string? text) = ReadError(response.Content);
        string requestId = response.Headers.RequestId ?? (response.Headers.TryGetValue("x-ms-correlation-request-id", out string? correlation) ? correlation : null) ?? "";
        string throttled = response.Status == 429
            ? string.Create(CultureInfo.InvariantCulture, $" (throttled; gave up after the configured retries{RetryAfter(response)})")
            : "";
        string detail = code is null && text is null ? response.ReasonPhrase : $"{code}{(code is null || text is null ? "" : ": ")}{text}";
        return new AzureRestException(Service, response.Status, code,
            string.Create(CultureInfo.InvariantCulture, $"{Service} answered {response.Status} to {Describe(method, uri)}{throttled}: {detail}{(requestId.Length == 0 ? "" : $" [request {requestId}]")}"));
    }

    private static string RetryAfter(Response response)
    {
        TimeSpan? costManagement = ThrottlingDelayStrategy.CostManagementDelay(response);
        if (costManagement is { } delay)
        {
            return string.Create(CultureInfo.InvariantCulture, $"; it asked to wait {delay.TotalSeconds:0.#} s");
        }

        return response.Headers.TryGetValue("Retry-After", out string? after) ? $"; Retry-After {after}" : "";
    }

    /// <summary>Azure's error object: {"error": {"code", "message"}} (ARM, Log Analytics) or {"Error": {"Code", "Message"}}.</summary>
    private static (string? Code, string? Message) ReadError(BinaryData content)
    {
        if (content.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(content.ToMemory());
            if (document.RootElement.ValueKind == JsonValueKind.Object && TryGet(document.RootElement, "error", out JsonElement error))
            {
                string? code = TryGet(error, "code", out JsonElement c) ? c.ToString() : null;
                string? message = TryGet(error, "message", out JsonElement m) ? m.ToString() : null;
                return (code, message);
            }

            return (null, Truncate(content.ToString()));
        }
        catch (JsonException)
        {
            return (null, Truncate(content.ToString()));
        }
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";

    private static string Describe(RequestMethod method, Uri uri) => $"{method} {uri.GetLeftPart(UriPartial.Path)}";
}
