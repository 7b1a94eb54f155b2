using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MlOps.Host.Runtime;

namespace MlOps.Host.Cli;

/// <summary>A thin client of the HTTP API for the CLI and the demo; errors surface the server's problem details.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(string baseUrl, string? apiKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            // The local host reads x-api-key; the Functions app reads its function key from x-functions-key.
            _http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, apiKey);
            _http.DefaultRequestHeaders.Add("x-functions-key", apiKey);
        }
    }

    public static ApiClient From(ApiSettings settings)
    {
        string api = settings.Api ?? Environment.GetEnvironmentVariable("MLOPS_API") ?? "http://127.0.0.1:7071";
        string? key = settings.ApiKey ?? Environment.GetEnvironmentVariable("MLOPS_API_KEY")
            ?? (File.Exists(ApiKeyProvider.DefaultKeyFile) ? File.ReadAllText(ApiKeyProvider.DefaultKeyFile).Trim() : null);
        return new ApiClient(api, key);
    }

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

        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException((int)response.StatusCode, ProblemDetail(text) ?? response.ReasonPhrase ?? "request failed");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string? ProblemDetail(string body)
    {
        try
        {
            using JsonDocument problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("detail", out JsonElement detail) ? detail.GetString() : body;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? null : body;
        }
    }
}
