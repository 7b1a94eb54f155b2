using System.Text;
using System.Text.Json;

namespace MlOps.Functions.Tests.Hosting;

/// <summary>What an HTTP function's result wrote to the response.</summary>
public sealed record HttpCall(string Function, int Status, string? Location, string? ContentType, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json()
    {
        using JsonDocument document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"{Function}: {Status} {ContentType} {(ContentType?.Contains("json", StringComparison.Ordinal) == true ? Text : $"{Body.Length} bytes")}";
}
