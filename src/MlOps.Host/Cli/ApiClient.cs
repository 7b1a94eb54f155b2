using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MlOps.Host.Runtime;

namespace MlOps.Host.Cli;

/// <summary>
/// A thin client of the HTTP API for the CLI and the demo. An error status becomes an <see cref="ApiException"/> with
/// the server's problem details; no answer at all becomes the "start it with `mlops serve`" error.
/// </summary>
public sealed class ApiClient : IDisposable
{
    /// <summary>The Functions app reads its function key from this header.</summary>
    public const string FunctionKeyHeader = "x-functions-key";

    private readonly HttpClient _http;

    public ApiClient(ApiConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        _http = new HttpClient { BaseAddress = connection.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(connection.ApiKey))
        {
            _http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, connection.ApiKey);
        }

        if (!string.IsNullOrEmpty(connection.FunctionKey))
        {
            _http.DefaultRequestHeaders.Add(FunctionKeyHeader, connection.FunctionKey);
        }
    }

    /// <summary>A client of a host this process runs (the demo).</summary>
    public ApiClient(string baseUrl, string? apiKey)
        : this(new ApiConnection(ApiConnection.BaseOf(baseUrl), apiKey, null, "this process's host"))
    {
    }

    public ApiConnection Connection { get; }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, string json, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, json, cancellationToken);

    public Task<JsonElement> PutAsync(string path, string json, CancellationToken cancellationToken) => SendAsync(HttpMethod.Put, path, json, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Connection.Unreachable(ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Connection.Unreachable($"no answer within {_http.Timeout.TotalMinutes:0} minutes", ex);
        }

        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException((int)response.StatusCode, response.ReasonPhrase ?? response.StatusCode.ToString(), ProblemDetail(text) ?? "no details");
            }

            try
            {
                return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new CliException(CliExitCodes.ApiError, $"{Connection.BaseUrl}{path.TrimStart('/')} answered with something that is not JSON: {ex.Message}",
                    "is --api-url the address of an mlops API?", ex);
            }
        }
    }

    /// <summary>The problem details' detail (else title), or the body when it is not problem details.</summary>
    private static string? ProblemDetail(string body)
    {
        try
        {
            using JsonDocument problem = JsonDocument.Parse(body);
            JsonElement root = problem.RootElement;
            return root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("detail", out JsonElement detail) || root.TryGetProperty("title", out detail)) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : body;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? null : body;
        }
    }
}
