using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MlOps.Core.Specs;

namespace MlOps.Core.Serving;

/// <summary>
/// Writes a request row for the prediction log with its personal data taken out: a dropped column is left out, a
/// hashed one is written as "hmac-sha256:" and the hex HMAC of its JSON text under the configured key, so a value
/// can be matched across requests and still not be read back. Without a key a hashed column is dropped: an unkeyed
/// hash of a phone number or an e-mail address is reversed by trying them all.
/// </summary>
public sealed class PiiRedactor
{
    public const string HashPrefix = "hmac-sha256:";

    private readonly byte[]? _key;

    public PiiRedactor(string? key)
    {
        _key = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);
    }

    public bool CanHash => _key is not null;

    /// <summary>The row object with <paramref name="pii"/>'s columns dropped or hashed; any other JSON is written as it is.</summary>
    public void WriteRow(Utf8JsonWriter writer, JsonElement row, IReadOnlyDictionary<string, PiiAction> pii)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(pii);
        if (row.ValueKind != JsonValueKind.Object)
        {
            row.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (JsonProperty property in row.EnumerateObject())
        {
            if (!pii.TryGetValue(property.Name, out PiiAction action) || action == PiiAction.Allow)
            {
                property.WriteTo(writer);
            }
            else if (action == PiiAction.Hash && _key is not null && property.Value.ValueKind != JsonValueKind.Null)
            {
                writer.WriteString(property.Name, Hash(property.Value));
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The keyed hash of a value as the log stores it: a string's text, or any other value's JSON.</summary>
    public string Hash(JsonElement value)
    {
        if (_key is null)
        {
            throw new InvalidOperationException("No hash key is configured (Serving:PiiHashKey).");
        }

        string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return HashPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
    }
}
