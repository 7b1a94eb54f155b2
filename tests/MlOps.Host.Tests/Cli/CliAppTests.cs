using System.ComponentModel;
using System.Reflection;
using MlOps.Host.Cli;
using Spectre.Console.Cli;

namespace MlOps.Host.Tests.Cli;

/// <summary>The command line as a whole: every command's arguments and options explain themselves in --help.</summary>
public sealed class CliAppTests
{
    public static TheoryData<Type> SettingsTypes => new(
        typeof(CliApp).Assembly.GetTypes().Where(t => typeof(CommandSettings).IsAssignableFrom(t) && !t.IsAbstract).ToArray());

    [Theory]
    [MemberData(nameof(SettingsTypes))]
    public void Settings_EveryArgumentAndOption_HasADescription(Type settings)
    {
        PropertyInfo[] parameters = [.. settings.GetProperties().Where(p => p.GetCustomAttribute<CommandArgumentAttribute>() is not null || p.GetCustomAttribute<CommandOptionAttribute>() is not null)];

        Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.GetCustomAttribute<DescriptionAttribute>()?.Description), $"{settings.Name}.{p.Name} has no [Description]"));
    }

    [Fact]
    public void SettingsTypes_CommandsAssembly_AreAllFound()
    {
        Assert.True(SettingsTypes.Count >= 15, $"only {SettingsTypes.Count} settings types found");
    }

    [Fact]
    public async Task Help_NoArguments_ListsTheCommandsAndExitsZero()
    {
        CliRun run = await new CliHarness().RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("runs", run.Output, StringComparison.Ordinal);
        Assert.Contains("upload", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_UploadCommand_ShowsEveryOptionWithItsDescription()
    {
        CliRun run = await new CliHarness().RunAsync("upload", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--account-url", run.Output, StringComparison.Ordinal);
        Assert.Contains("Entra ID", run.Output, StringComparison.Ordinal);
        Assert.Contains("--function-key", run.Output, StringComparison.Ordinal);
        Assert.Contains("--json", run.Output, StringComparison.Ordinal);
    }
}
