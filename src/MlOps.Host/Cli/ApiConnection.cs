using MlOps.Host.Runtime;

namespace MlOps.Host.Cli;

/// <summary>
/// Which API the CLI talks to, with which keys, and why that one (the source is named when the host does not answer).
/// </summary>
/// <param name="Source">Where the address came from, e.g. "--api-url" or "the host recorded in ~/.mlops/host.json".</param>
public sealed record ApiConnection(Uri BaseUrl, string? ApiKey, string? FunctionKey, string Source)
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// The address: --api-url, else MLOPS_API_URL, else the running host of the discovery file, else the default
    /// port. The local key: --api-key, else MLOPS_API_KEY, else the discovered host's, else the local key file. The
    /// function key: --function-key, else MLOPS_FUNCTION_KEY.
    /// </summary>
    public static ApiConnection Resolve(ApiSettings settings, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        HostDiscoveryRecord? host = null;
        string url;
        string source;
        if (settings.ApiUrl is { } flag)
        {
            (url, source) = (flag, "--api-url");
        }
        else if (environment.Variable(CliEnvironment.ApiUrlVariable) is { } variable)
        {
            (url, source) = (variable, CliEnvironment.ApiUrlVariable);
        }
        else if ((host = environment.RunningHost()) is not null)
        {
            (url, source) = (host.ApiUrl, $"the host recorded in {environment.HostFile}");
        }
        else
        {
            (url, source) = (DefaultUrl, $"the default address: no running host is recorded in {environment.HostFile}");
        }

        if (!IsHttpUrl(url))
        {
            throw CliException.Usage($"the API address '{url}' (from {source}) is not an http or https URL", "pass --api-url http://host:port");
        }

        string? apiKey = settings.ApiKey ?? environment.Variable(CliEnvironment.ApiKeyVariable) ?? host?.ApiKey ?? environment.LocalApiKey();
        string? functionKey = settings.FunctionKey ?? environment.Variable(CliEnvironment.FunctionKeyVariable);
        return new ApiConnection(BaseOf(url), apiKey, functionKey, source);
    }

    /// <summary>The address the API's paths ("api/...") are relative to; an address given with its "/api" (as azd prints the app's) works too.</summary>
    public static Uri BaseOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string trimmed = url.TrimEnd('/');
        return new Uri((trimmed.EndsWith("/api", StringComparison.OrdinalIgnoreCase) ? trimmed[..^4] : trimmed) + "/");
    }

    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The failure when nothing answers at <see cref="BaseUrl"/>.</summary>
    public CliException Unreachable(string problem, Exception? inner) => new(
        CliExitCodes.Unreachable,
        $"no host answers at {BaseUrl.ToString().TrimEnd('/')} ({Source}): {problem}",
        "start it with `mlops serve`, or point --api-url (MLOPS_API_URL) at a running one",
        inner);
}
