using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace MlOps.Host.Cli;

/// <summary>
/// Where a command's output goes: people get tables, lines and progress through <see cref="Console"/>; machines get
/// `--json` through <see cref="WriteJson"/>, written as plain text, never wrapped or highlighted; errors go to
/// <see cref="Error"/> as one line each.
/// </summary>
public sealed class CliOutput
{
    // Relaxed escaping: the output is read by programs and people, never embedded in HTML, so '+' stays '+'.
    private static readonly JsonWriterOptions JsonWriting = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CliOutput(IAnsiConsole console, TextWriter json, TextWriter error)
    {
        Console = console;
        Json = json;
        Error = error;
    }

    /// <summary>Human output: tables, lines and progress.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Machine output (`--json`).</summary>
    public TextWriter Json { get; }

    public TextWriter Error { get; }

    /// <summary>The process's own streams. When standard output is redirected, tables get a wide line so a cell is not broken across lines.</summary>
    public static CliOutput ForProcess()
    {
        IAnsiConsole console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return new CliOutput(console, System.Console.Out, System.Console.Error);
    }

    public void WriteJson(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting))
        {
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        Json.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        Json.Flush();
    }

    /// <summary>One line: `mlops: {message}; {hint}`; line breaks inside the message become spaces.</summary>
    public void WriteError(string message, string hint)
    {
        ArgumentNullException.ThrowIfNull(message);
        string line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
        Error.WriteLine(string.IsNullOrEmpty(hint) ? $"mlops: {line}" : $"mlops: {line}; {hint}");
        Error.Flush();
    }
}
