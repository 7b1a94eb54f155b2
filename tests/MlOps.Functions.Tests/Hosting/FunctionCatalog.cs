using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace MlOps.Functions.Tests.Hosting;

/// <summary>Every [Function] method of the app, found by reflection, by function name.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyDictionary<string, MethodInfo> All { get; } =
        typeof(FunctionsApplicationBuilderExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal);

    /// <summary>The functions with a parameter carrying the trigger attribute <typeparamref name="TTrigger"/>.</summary>
    public static IEnumerable<KeyValuePair<string, MethodInfo>> WithTrigger<TTrigger>()
        where TTrigger : Attribute =>
        All.Where(f => f.Value.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null));

    public static ParameterInfo TriggerParameter<TTrigger>(MethodInfo function)
        where TTrigger : Attribute =>
        function.GetParameters().Single(p => p.GetCustomAttribute<TTrigger>() is not null);
}
