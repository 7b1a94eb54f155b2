using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>Settings of the commands about one model: the model argument first, checked against the model-name rule.</summary>
public class ModelSettings : ApiSettings
{
    [CommandArgument(0, "<model>")]
    [Description("The model's name (its folder under datasets/).")]
    [ValidModelName]
    public string Model { get; init; } = string.Empty;

    /// <summary>The API path of this model, escaped, with an optional tail ("runs", "aliases/production").</summary>
    public string ModelPath(string? tail = null) =>
        $"api/models/{Uri.EscapeDataString(Model)}" + (string.IsNullOrEmpty(tail) ? string.Empty : "/" + tail);
}
