using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MlOps.Core.Data.Csv;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Storage;

namespace MlOps.Core.Monitoring.Decay;

/// <summary>
/// Reads late labels uploaded under feedback/{model}/: CSV with a header naming requestId, label and optionally row
/// (row 0 when absent), or JSON lines {"requestId": …, "row": …, "label": …}. The format comes from the extension
/// (.csv; .jsonl, .ndjson, .json) or, for other names, from the first character. Bad records are counted and skipped.
/// </summary>
public sealed class FeedbackReader
{
    private const int MaxErrorsPerBlob = 1_000;

    private readonly MlOpsStorage _storage;

    public FeedbackReader(MlOpsStorage storage) => _storage = storage;

    /// <param name="modifiedSince">
    /// Only blobs written at or after this time: a label can only arrive after its prediction, so a window's labels
    /// are in blobs modified since the window started, and older feedback need not be read again.
    /// </param>
    public async Task<FeedbackLabels> ReadAsync(string model, DateTimeOffset? modifiedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        BlobContainerClient container = _storage.Container(_storage.Layout.Feedback);
        var blobs = new List<BlobItem>();
        await foreach (BlobItem item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = model + "/" }, cancellationToken).ConfigureAwait(false))
        {
            if (modifiedSince is null || item.Properties.LastModified >= modifiedSince)
            {
                blobs.Add(item);
            }
        }

        // Oldest first, so that a correction uploaded later overrides the label it corrects.
        var labels = new FeedbackLabels();
        foreach (BlobItem item in blobs.OrderBy(b => b.Properties.LastModified).ThenBy(b => b.Name, StringComparer.Ordinal))
        {
            Stream content = await container.GetBlobClient(item.Name).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                await ReadAsync(content, item.Name, labels, cancellationToken).ConfigureAwait(false);
            }
        }

        return labels;
    }

    /// <summary>Adds the labels of one feedback file to <paramref name="into"/>.</summary>
    public static async Task ReadAsync(Stream content, string name, FeedbackLabels into, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(into);
        into.Blobs++;
        if (await IsJsonLinesAsync(content, name, cancellationToken).ConfigureAwait(false))
        {
            await ReadJsonLinesAsync(content, name, into, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            ReadCsv(content, name, into);
        }
    }

    private static async Task<bool> IsJsonLinesAsync(Stream content, string name, CancellationToken cancellationToken)
    {
        string extension = Path.GetExtension(name).ToUpperInvariant();
        if (extension is ".JSONL" or ".NDJSON" or ".JSON")
        {
            return true;
        }

        if (extension == ".CSV" || !content.CanSeek)
        {
            return false;
        }

        byte[] start = new byte[256];
        int read = await content.ReadAsync(start, cancellationToken).ConfigureAwait(false);
        content.Seek(0, SeekOrigin.Begin);
        ReadOnlySpan<byte> text = start.AsSpan(0, read);
        text = text.StartsWith("\uFEFF"u8) ? text[3..] : text;
        return text.TrimStart(" \t\r\n"u8) is [(byte)'{', ..];
    }

    private static async Task ReadJsonLinesAsync(Stream content, string name, FeedbackLabels into, CancellationToken cancellationToken)
    {
        using var lines = new Utf8LineReader(content);
        while (await lines.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!lines.LineTooLong && lines.Line.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            into.Records++;
            string? problem = lines.LineTooLong ? "line too long" : TryAddJson(lines.Line.Span, into);
            if (problem is not null)
            {
                into.AddMalformed(string.Create(CultureInfo.InvariantCulture, $"{name} line {lines.LineNumber}: {problem}"));
            }
        }
    }

    /// <summary>Adds one JSON label record; returns why it is unusable, or null.</summary>
    private static string? TryAddJson(ReadOnlySpan<byte> line, FeedbackLabels into)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not a JSON object";
            }

            if (!root.TryGetProperty("requestId", out JsonElement id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } requestId)
            {
                return "no requestId";
            }

            int row = 0;
            if (root.TryGetProperty("row", out JsonElement rowValue) && rowValue.ValueKind != JsonValueKind.Null
                && !(rowValue.ValueKind == JsonValueKind.Number && rowValue.TryGetInt32(out row) && row >= 0))
            {
                return "row is not a non-negative integer";
            }

            string? label = root.TryGetProperty("label", out JsonElement labelValue) ? labelValue.ValueKind switch
            {
                JsonValueKind.String => labelValue.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => labelValue.GetRawText(),
                _ => null,
            } : null;
            if (string.IsNullOrEmpty(label))
            {
                return "no label";
            }

            into.Add(requestId, row, label);
            return null;
        }
        catch (JsonException error)
        {
            return error.Message;
        }
    }

    private static void ReadCsv(Stream content, string name, FeedbackLabels into)
    {
        using var reader = new CsvRecordReader(content, name, new CsvReaderOptions { MissingTokens = [""] }, leaveOpen: true);
        int requestId = IndexOf(reader.Header, "requestId");
        int row = IndexOf(reader.Header, "row");
        int label = IndexOf(reader.Header, "label");
        if (requestId < 0 || label < 0)
        {
            into.AddMalformed($"{name}: the header needs requestId and label columns (and optionally row), found {string.Join(",", reader.Header)}");
            return;
        }

        int errors = 0;
        while (true)
        {
            try
            {
                if (!reader.Read())
                {
                    return;
                }

                into.Records++;
                string? problem = TryAddCsv(reader, requestId, row, label, into);
                if (problem is not null)
                {
                    into.AddMalformed(string.Create(CultureInfo.InvariantCulture, $"{name} line {reader.LineNumber}: {problem}"));
                }
            }
            catch (DataFormatException error)
            {
                // A ragged or unreadable record: count it and go on; a file that is broken throughout gives up.
                into.Records++;
                into.AddMalformed(error.Message);
                if (++errors >= MaxErrorsPerBlob)
                {
                    into.AddMalformed($"{name}: stopped after {MaxErrorsPerBlob} unreadable records");
                    return;
                }
            }
        }
    }

    private static string? TryAddCsv(CsvRecordReader reader, int requestId, int row, int label, FeedbackLabels into)
    {
        if (reader.IsMissing(requestId))
        {
            return "no requestId";
        }

        int rowNumber = 0;
        if (row >= 0 && !reader.IsMissing(row))
        {
            if (!reader.TryGetDouble(row, out double value) || value != Math.Floor(value) || value is < 0 or > int.MaxValue)
            {
                return "row is not a non-negative integer";
            }

            rowNumber = (int)value;
        }

        if (reader.IsMissing(label))
        {
            return "no label";
        }

        // Spaces around a CSV field are almost always accidental; class names and request ids never carry them.
        into.Add(reader.GetString(requestId).Trim(), rowNumber, reader.GetString(label).Trim());
        return null;
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (int i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
