namespace MlOps.Host.Runtime;

/// <summary>
/// The Functions way of switching a function off, read by the local host too: the app setting
/// <c>AzureWebJobs.{function}.Disabled</c> set to true (or 1). The hierarchical form
/// <c>AzureWebJobs:{function}:Disabled</c> is accepted as well, so an environment variable works from shells that
/// reject dots in names (<c>MLOPS_AzureWebJobs__MonitorModels__Disabled=true</c>).
/// </summary>
public static class FunctionSwitch
{
    public static string SettingName(string function) => $"AzureWebJobs.{function}.Disabled";

    public static bool IsDisabled(IConfiguration configuration, string function)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(function);
        return IsTrue(configuration[SettingName(function)]) || IsTrue(configuration[$"AzureWebJobs:{function}:Disabled"]);
    }

    private static bool IsTrue(string? value) =>
        value is not null && (value.Trim() == "1" || (bool.TryParse(value.Trim(), out bool set) && set));
}
