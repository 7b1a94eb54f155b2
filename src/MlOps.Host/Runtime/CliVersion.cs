using System.Reflection;

namespace MlOps.Host.Runtime;

/// <summary>The program's version as `mlops --version` prints it: the informational version, build metadata included.</summary>
public static class CliVersion
{
    public static string Text { get; } =
        typeof(CliVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
