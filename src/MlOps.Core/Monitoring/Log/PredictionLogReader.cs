using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MlOps.Core.Serialization;
using MlOps.Core.Serving;
using MlOps.Core.Storage;

namespace MlOps.Core.Monitoring.Log;

/// <summary>
/// Streams a window [from, to) of a model's prediction log: lists the append blobs of each hour partition the window
/// touches, reads each blob as a stream line by line, and yields the rows whose timestamp falls inside the window.
/// Nothing is buffered beyond one line and one read buffer, so memory does not grow with the window's length.
/// </summary>
public sealed class PredictionLogReader
{
    private readonly MlOpsStorage _storage;

    public PredictionLogReader(MlOpsStorage storage) => _storage = storage;

    /// <param name="scan">Receives counts of blobs, lines and malformed lines as the rows stream.</param>
    public async IAsyncEnumerable<LoggedPrediction> ReadAsync(
        string model, DateTimeOffset from, DateTimeOffset to, PredictionLogScan? scan = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        scan ??= new PredictionLogScan();
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        BlobContainerClient container = _storage.Container(_storage.Layout.Predictions);
        foreach (string prefix in PredictionLogPaths.HourPrefixes(model, from, to))
        {
            await foreach (BlobItem item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                scan.Blobs++;

                // Writers keep appending to the current hour's blobs while we read; appends are whole lines (and whole gzip members), so reading
                // a blob that grows underneath is safe (rows appended after the read started are simply not seen).
                Stream stream = PredictionLogFormat.OpenLines(
                    await container.GetBlobClient(item.Name).OpenReadAsync(new BlobOpenReadOptions(allowModifications: true), cancellationToken).ConfigureAwait(false),
                    item.Name);
                await using (stream.ConfigureAwait(false))
                {
                    await foreach (LoggedPrediction row in ReadStreamAsync(stream, item.Name, from, to, scan, cancellationToken).ConfigureAwait(false))
                    {
                        yield return row;
                    }
                }
            }
        }
    }

    /// <summary>Reads prediction log lines from any stream (one blob, or a generator in benchmarks) with the window filter.</summary>
    public static async IAsyncEnumerable<LoggedPrediction> ReadStreamAsync(
        Stream stream, string sourceName, DateTimeOffset from, DateTimeOffset to, PredictionLogScan scan, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(scan);
        using var lines = new Utf8LineReader(stream);
        while (await lines.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!lines.LineTooLong && lines.Line.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            scan.Lines++;
            string? problem = "line too long";
            LoggedPrediction? row = lines.LineTooLong ? null : TryParse(lines.Line.Span, out problem);
            if (row is null)
            {
                scan.AddMalformed(string.Create(CultureInfo.InvariantCulture, $"{sourceName} line {lines.LineNumber}: {problem}"));
                continue;
            }

            if (row.At < from || row.At >= to)
            {
                scan.AddOutside(row.At);
                continue;
            }

            scan.Rows++;
            yield return row;
        }
    }

    /// <summary>Parses one log line; null with the reason when it is not a usable log entry.</summary>
    public static LoggedPrediction? TryParse(ReadOnlySpan<byte> line, out string? problem)
    {
        try
        {
            LoggedPrediction? row = JsonSerializer.Deserialize<LoggedPrediction>(line, JsonDefaults.Options);
            problem = row switch
            {
                null => "null entry",
                { Inputs.ValueKind: not JsonValueKind.Object } => "inputs is not a JSON object",
                { RequestId.Length: 0 } => "empty requestId",
                _ => null,
            };
            return problem is null ? row : null;
        }
        catch (JsonException error)
        {
            problem = error.Message;
            return null;
        }
    }
}
