using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>Reads and writes pipeline specs as JSON, rejecting unknown fields and invalid values by name.</summary>
public static class PipelineSpecSerializer
{
    /// <summary>The largest spec accepted, in bytes of JSON (1 MiB): over HTTP a larger body is a 413, as a pipeline.json it rejects the run.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static PipelineSpec Parse(string json)
    {
        PipelineSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<PipelineSpec>(json, Options);
        }
        catch (JsonException ex)
        {
            string field = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            string problem = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "is not a known field"
                : "has an invalid value: " + FirstSentence(ex.Message);
            throw new PipelineSpecException(UnknownMemberPath(ex.Message) ?? field, problem);
        }

        if (spec is null)
        {
            throw new PipelineSpecException("$", "must be a JSON object");
        }

        PipelineSpecValidator.Validate(spec);
        return spec;
    }

    public static string Serialize(PipelineSpec spec) => JsonSerializer.Serialize(spec, Options);

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    // System.Text.Json reports an unmapped member as "The JSON property 'x' could not be mapped to any .NET member contained in type ...".
    private static string? UnknownMemberPath(string message)
    {
        const string Marker = "The JSON property '";
        int start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        int end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }
}
