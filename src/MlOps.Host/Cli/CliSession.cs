namespace MlOps.Host.Cli;

/// <summary>What every command works with: where its output goes and what it reads from its surroundings.</summary>
public sealed class CliSession
{
    public CliSession(CliOutput output, CliEnvironment environment)
    {
        Output = output;
        Environment = environment;
    }

    public CliOutput Output { get; }

    public CliEnvironment Environment { get; }

    public static CliSession ForProcess() => new(CliOutput.ForProcess(), CliEnvironment.ForProcess());

    /// <summary>A client of the API the settings and the surroundings point at (see <see cref="ApiConnection.Resolve"/>).</summary>
    public ApiClient Connect(ApiSettings settings) => new(ApiConnection.Resolve(settings, Environment));
}
