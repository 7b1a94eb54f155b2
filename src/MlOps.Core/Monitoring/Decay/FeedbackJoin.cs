using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MlOps.Core.Data.Csv;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Training;

namespace MlOps.Core.Monitoring.Decay;

/// <summary>
/// Joins late labels with the logged predictions they refer to (by request id and row), streaming the log past the
/// labels held in memory, and exports joined rows as training data. At most one logged row matches a label, so the
/// joined rows are no more than the labels and can be collected into a list when several consumers need them.
/// </summary>
public static class FeedbackJoin
{
    private const int FlushBytes = 64 * 1024;

    public static async IAsyncEnumerable<LabelledPrediction> JoinAsync(
        FeedbackLabels labels, IAsyncEnumerable<LoggedPrediction> predictions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        await foreach (LoggedPrediction prediction in predictions.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (labels.TryGet(prediction.RequestId, prediction.Row, out string? label))
            {
                yield return new LabelledPrediction(prediction, label);
            }
        }
    }

    /// <summary>
    /// Writes joined rows as a CSV with the layout's columns in order (the prepared data's header), each row's logged
    /// inputs with the label in the label column, so that it can be appended to a dataset and trained on. Numbers keep
    /// their logged JSON text; absent and null inputs are empty fields. Returns the rows written.
    /// </summary>
    public static async Task<long> WriteTrainingCsvAsync(
        IAsyncEnumerable<LabelledPrediction> rows, FeatureLayout layout, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        WriteLine(buffer, layout.Columns.Select(CsvFieldEscaper.Escape));
        long written = 0;
        await foreach (LabelledPrediction row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            WriteLine(buffer, layout.Columns.Select(column => column == layout.Label ? CsvFieldEscaper.Escape(row.Label) : Field(row.Prediction.Inputs, column)));
            written++;
            if (buffer.WrittenCount >= FlushBytes)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.Clear();
            }
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static string Field(JsonElement inputs, string column)
    {
        if (!inputs.TryGetProperty(column, out JsonElement value))
        {
            return string.Empty;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            JsonValueKind.String => CsvFieldEscaper.Escape(value.GetString()!),
            _ => CsvFieldEscaper.Escape(value.GetRawText()),
        };
    }

    private static void WriteLine(ArrayBufferWriter<byte> buffer, IEnumerable<string> fields)
    {
        string line = string.Join(',', fields) + "\n";
        Encoding.UTF8.GetBytes(line, buffer);
    }
}
