using MlOps.Host.Runtime;

namespace MlOps.Host.Cli;

/// <summary>
/// What the CLI reads from its surroundings: environment variables, the running host's discovery file, the local API
/// key file and the local configuration. The process's by default; tests give their own, so they never read or
/// write the user's ~/.mlops.
/// </summary>
public sealed class CliEnvironment
{
    public const string ApiUrlVariable = "MLOPS_API_URL";
    public const string ApiKeyVariable = "MLOPS_API_KEY";
    public const string FunctionKeyVariable = "MLOPS_FUNCTION_KEY";
    public const string DebugVariable = "MLOPS_DEBUG";

    private readonly Func<string, string?> _variables;
    private readonly Lazy<IConfiguration> _configuration;

    public CliEnvironment(Func<string, string?> variables, string hostFile, string apiKeyFile, Func<IConfiguration>? configuration = null)
    {
        _variables = variables;
        HostFile = hostFile;
        ApiKeyFile = apiKeyFile;
        _configuration = new Lazy<IConfiguration>(configuration ?? (() => HostConfiguration.Build()));
    }

    /// <summary>The running host's discovery file (see <see cref="HostDiscovery"/>).</summary>
    public string HostFile { get; }

    /// <summary>The key the local host writes for calls that change state.</summary>
    public string ApiKeyFile { get; }

    /// <summary>appsettings.json and MLOPS_ variables, as the local host reads them: the upload's last resort for a storage account.</summary>
    public IConfiguration Configuration => _configuration.Value;

    public bool Debug => Variable(DebugVariable) is "1" or "true";

    public static CliEnvironment ForProcess() =>
        new(Environment.GetEnvironmentVariable, HostDiscovery.DefaultPath, ApiKeyProvider.DefaultKeyFile);

    /// <summary>The variable's value; null when unset or blank.</summary>
    public string? Variable(string name) => _variables(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The host recorded in the discovery file if it is running now.</summary>
    public HostDiscoveryRecord? RunningHost() => HostDiscovery.ReadLive(HostFile);

    /// <summary>The key from <see cref="ApiKeyFile"/>, if the local host wrote one.</summary>
    public string? LocalApiKey() => File.Exists(ApiKeyFile) ? File.ReadAllText(ApiKeyFile).Trim() : null;
}
