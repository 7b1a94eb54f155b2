using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlOps.Host.Cli;

/// <summary>
/// What a command prints: the API's JSON, which `--json` writes as is, and the view people get by default (a table
/// or a document built with <see cref="JsonView"/>), plus the exit code.
/// </summary>
public sealed record CommandOutput(JsonElement Json, IRenderable Human, int ExitCode = CliExitCodes.Success)
{
    /// <summary>A list as a table: the named columns, or the first rows' fields when none are named.</summary>
    public static CommandOutput Table(JsonElement json, params string[] columns) => new(json, JsonView.Table(json, columns));

    /// <summary>An object as a document: one field a line, nested objects and lists as nested views.</summary>
    public static CommandOutput Document(JsonElement json) => new(json, JsonView.Document(json));

    /// <summary>A sentence, for answers whose JSON says no more than it (markup allowed; escape what comes from the API).</summary>
    public static CommandOutput Line(JsonElement json, string markup) => new(json, new Markup(markup + Environment.NewLine));
}
