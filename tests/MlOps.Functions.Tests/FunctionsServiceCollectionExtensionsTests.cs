using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MlOps.Functions.Tests;

public class FunctionsServiceCollectionExtensionsTests
{
    // The classes the worker instantiates per invocation, with their constructor-injected services.
    public static TheoryData<Type> FunctionClasses => new(Classes);

    private static Type[] Classes => [.. typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))];

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void AddMlOpsFunctions_FunctionClass_ResolvesFromTheContainer(Type functionClass)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" })
            .Build();
        using ServiceProvider services = new ServiceCollection().AddLogging().AddMlOpsFunctions(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        object function = ActivatorUtilities.CreateInstance(services, functionClass);

        Assert.IsType(functionClass, function);
    }

    [Fact]
    public void FunctionClasses_FunctionsAssembly_DeclareEveryFunctionOfTheMetadata()
    {
        // Orchestrator functions are static and need no instance; every other function's class is resolved above.
        string[] declared = [.. Classes.SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().Order(StringComparer.Ordinal)];
        string[] instanceFunctions = [.. typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Where(m => !m.IsStatic).Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().Order(StringComparer.Ordinal)];

        Assert.NotEmpty(declared);
        Assert.Equal(instanceFunctions, declared);
        Assert.All(declared, name => Assert.Contains(name, BuildOutput.LoadFunctions().Keys));
    }
}
