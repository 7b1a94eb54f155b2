using System.Reflection;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MlOps.Functions.Tests.Hosting;

/// <summary>
/// The Functions app as Program.cs builds it (the worker's builder, then <see cref="FunctionsApplicationBuilderExtensions.ConfigureMlOpsFunctions"/>),
/// with app settings passed as the command line. Built, never started: starting connects to a Functions host.
/// </summary>
public static class FunctionsApp
{
    /// <param name="services">Registrations before the app's own (a loopback Azure's credential and transport).</param>
    public static IHost Build(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string[] args = [.. settings.Select(s => $"--{s.Key}={s.Value}")];
        FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
        RunExtensionStartups(builder);
        services?.Invoke(builder.Services);
        builder.ConfigureMlOpsFunctions();
        return builder.Build();
    }

    /// <summary>
    /// The worker runs its extensions' startup code (the Durable extension's data converter, for one) from a class the
    /// Functions SDK generates into the app's assembly, found through the entry assembly; under a test runner the entry
    /// assembly is the runner, so the app's generated class is run here instead.
    /// </summary>
    private static void RunExtensionStartups(FunctionsApplicationBuilder builder)
    {
        Assembly app = typeof(FunctionsApplicationBuilderExtensions).Assembly;
        if (Assembly.GetEntryAssembly() == app)
        {
            return;
        }

        Type executor = app.GetCustomAttribute<WorkerExtensionStartupCodeExecutorInfoAttribute>()?.StartupCodeExecutorType
            ?? throw new InvalidOperationException("The Functions SDK generated no extension startup code into MlOps.Functions.");
        ((WorkerExtensionStartup)Activator.CreateInstance(executor)!).Configure(builder);
    }
}
