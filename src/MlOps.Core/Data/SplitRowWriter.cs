using System.Text;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Validation;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// The writing half of the split pass: normalises each parsed row into its split's file and feeds the row checks.
/// Most fields come out exactly as they came in, so runs of such fields (with the commas between them) are copied as
/// one slice of the raw record instead of field by field.
/// </summary>
internal sealed class SplitRowWriter : IDisposable
{
    private readonly bool _regression;
    private readonly int _label;
    private readonly int[] _numericSlot;
    private readonly int[] _categoricalSlot;
    private readonly int[] _categoricalColumns;
    private readonly bool[] _blanked;
    private readonly bool _anyBlanked;
    private readonly byte[][] _classNames;
    private readonly int[] _rowClasses;
    private readonly RowChecks _checks;
    private readonly bool _copySlices;
    private readonly SplitFileWriter[] _writers;
    private readonly byte[] _assignment;

    /// <param name="copySlices">Whether the source's delimiter is the comma the split files use, so slices of a record can be copied.</param>
    /// <param name="rowClasses">Per row of the file, its label's class (see <see cref="LabelObserver.RowClasses"/>).</param>
    public SplitRowWriter(
        FeatureLayout layout, IReadOnlyList<string> classNames, int[] rowClasses, byte[] assignment, IReadOnlyList<string> destinations, RowChecks checks, bool copySlices)
    {
        // Per column: its slot among the numeric or categorical features (-1 otherwise), for the row checks.
        _numericSlot = [.. Enumerable.Repeat(-1, layout.Columns.Count)];
        _categoricalSlot = [.. Enumerable.Repeat(-1, layout.Columns.Count)];
        for (int f = 0; f < layout.NumericFeatures.Count; f++)
        {
            _numericSlot[layout.IndexOf(layout.NumericFeatures[f])] = f;
        }

        for (int f = 0; f < layout.CategoricalFeatures.Count; f++)
        {
            _categoricalSlot[layout.IndexOf(layout.CategoricalFeatures[f])] = f;
        }

        _categoricalColumns = [.. Enumerable.Range(0, layout.Columns.Count).Where(i => _categoricalSlot[i] >= 0)];

        // Personal data the spec drops or hashes is written as missing: it never reaches the prepared splits.
        _blanked = [.. layout.Columns.Select(layout.Pii.ContainsKey)];
        _anyBlanked = _blanked.Contains(true);
        _regression = layout.Task == ModelTask.Regression;
        _label = layout.IndexOf(layout.Label);
        _classNames = [.. classNames.Select(Encoding.UTF8.GetBytes)];
        _rowClasses = rowClasses;
        _assignment = assignment;
        _checks = checks;
        _copySlices = copySlices;
        Counts = new long[destinations.Count];
        _writers = new SplitFileWriter[destinations.Count];
        byte[] header = Encoding.UTF8.GetBytes(string.Join(',', layout.Columns.Select(CsvFieldEscaper.Escape)) + "\n");
        for (int i = 0; i < _writers.Length; i++)
        {
            _writers[i] = new SplitFileWriter(destinations[i]);
            _writers[i].Write(header);
        }
    }

    /// <summary>Rows written per split.</summary>
    public long[] Counts { get; }

    public void Write(SplitRowBatch batch)
    {
        for (int row = 0; row < batch.Rows; row++)
        {
            WriteRow(batch, row);
        }
    }

    public void Dispose()
    {
        foreach (SplitFileWriter writer in _writers)
        {
            writer?.Dispose();
        }
    }

    private void WriteRow(SplitRowBatch batch, int row)
    {
        long current = batch.RowIndex(row);
        byte split = _assignment[current];
        int labelClass = _rowClasses[current];
        ReadOnlySpan<byte> record = batch.Record(row);
        _checks.BeginRow(record, labelClass);
        SplitFileWriter writer = _writers[split];
        Counts[split]++;
        if (batch.IsCopyable(row) && !_anyBlanked)
        {
            foreach (int i in _categoricalColumns)
            {
                if (batch.Kind(row, i) != CsvValueKind.Missing)
                {
                    _checks.Category(_categoricalSlot[i], batch.Field(row, i));
                }
            }

            writer.Write(record);
            writer.Write((byte)'\n');
            return;
        }

        // [runStart, runEnd) is the slice of the record still to be copied as it is.
        bool runOpen = false;
        int runStart = 0;
        int runEnd = 0;
        int fields = _numericSlot.Length;
        for (int i = 0; i < fields; i++)
        {
            // Unquoted and unescaped: the field's bytes, with the comma before it, are a slice of the record.
            bool inPlace = batch.TryGetFieldRange(row, i, out int offset, out int length) && _copySlices && (offset == 0 || record[offset - 1] != (byte)'"');
            bool asIs;
            ReadOnlySpan<byte> output = default;
            bool quoteIfNeeded = false;
            if (i == _label && !_regression)
            {
                output = _classNames[labelClass];
                quoteIfNeeded = true;
                asIs = inPlace && output.SequenceEqual(record.Slice(offset, length));
            }
            else
            {
                // One classification per field (made by the parser): missing, a finite number, or text.
                CsvValueKind kind = batch.Kind(row, i);
                ReadOnlySpan<byte> field = batch.Field(row, i);
                if (kind == CsvValueKind.Missing || _blanked[i])
                {
                    asIs = inPlace && length == 0;
                }
                else if (_numericSlot[i] >= 0 || (_regression && i == _label))
                {
                    // Text in a numeric column is a type error: written as missing.
                    if (kind == CsvValueKind.Number)
                    {
                        double value = batch.Value(row, i);
                        asIs = inPlace && SplitFileWriter.IsPlainNumber(field);
                        if (!asIs)
                        {
                            FlushRun(writer, record, ref runOpen, runStart, runEnd);
                            WriteDelimiter(writer, i);
                            writer.WriteNumber(field, value);
                            continue;
                        }
                    }
                    else
                    {
                        asIs = inPlace && length == 0;
                    }
                }
                else
                {
                    if (_categoricalSlot[i] >= 0)
                    {
                        _checks.Category(_categoricalSlot[i], field);
                    }

                    // An unquoted field holds no comma, quote or line break, so it needs no quoting.
                    asIs = inPlace;
                    output = field;
                    quoteIfNeeded = true;
                }
            }

            if (asIs)
            {
                if (!runOpen)
                {
                    runOpen = true;
                    runStart = i > 0 ? offset - 1 : offset;
                }

                runEnd = offset + length;
                continue;
            }

            FlushRun(writer, record, ref runOpen, runStart, runEnd);
            WriteDelimiter(writer, i);
            if (quoteIfNeeded)
            {
                writer.WriteField(output);
            }
            else
            {
                writer.Write(output);
            }
        }

        FlushRun(writer, record, ref runOpen, runStart, runEnd);
        writer.Write((byte)'\n');
    }

    private static void FlushRun(SplitFileWriter writer, ReadOnlySpan<byte> record, ref bool runOpen, int runStart, int runEnd)
    {
        if (runOpen)
        {
            writer.Write(record[runStart..runEnd]);
            runOpen = false;
        }
    }

    private static void WriteDelimiter(SplitFileWriter writer, int field)
    {
        if (field > 0)
        {
            writer.Write((byte)',');
        }
    }
}
