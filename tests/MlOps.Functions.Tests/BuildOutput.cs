using System.Reflection;
using System.Text.Json;

namespace MlOps.Functions.Tests;

/// <summary>Where the tests find what the build produced: the Functions host files, the repository, the bicep compiler.</summary>
public static class BuildOutput
{
    public static string FunctionsDirectory => Path.Combine(AppContext.BaseDirectory, "functions");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string BicepPath => Metadata("BicepPath");

    /// <summary>The generated functions.metadata, by function name.</summary>
    public static IReadOnlyDictionary<string, JsonElement> LoadFunctions()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsDirectory, "functions.metadata")));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    public static JsonElement Binding(JsonElement function, string type) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);

    public static IEnumerable<string> BindingTypes(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()!);

    private static string Metadata(string key) =>
        typeof(BuildOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The build did not record {key}.");
}
