using System.Text.Json;
using MlOps.Core.Serialization;
using Spectre.Console;
using Spectre.Console.Json;

namespace MlOps.Host.Cli;

/// <summary>Prints an API answer as highlighted JSON.</summary>
public static class JsonOutput
{
    public static int Write(JsonElement value)
    {
        AnsiConsole.Write(new JsonText(JsonSerializer.Serialize(value, JsonDefaults.Indented)));
        AnsiConsole.WriteLine();
        return 0;
    }
}
