using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MlOps.Functions.Tests;

public class FunctionsServiceCollectionExtensionsTests
{
    // The classes the worker instantiates per invocation, with their constructor-injected services.
    public static TheoryData<Type> FunctionClasses => new(
        typeof(FunctionsServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToArray());

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
    public void FunctionClasses_FunctionsAssembly_AreAllFound()
    {
        Assert.Equal(13, FunctionClasses.Count); // 8 HTTP, 2 blob trigger classes, the monitor and cost timers, activities; orchestrators are static
    }
}
