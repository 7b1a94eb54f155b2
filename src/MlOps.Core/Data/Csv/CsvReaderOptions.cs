namespace MlOps.Core.Data.Csv;

/// <summary>Dialect and safety limits for <see cref="CsvRecordReader"/>; the limits turn hostile or broken input into errors instead of memory use.</summary>
public sealed class CsvReaderOptions
{
    public byte Delimiter { get; set; } = (byte)',';

    /// <summary>One record's raw length limit in bytes, without its line terminator.</summary>
    public int MaxLineBytes { get; set; } = 1 << 20;

    public int MaxColumns { get; set; } = 2_000;

    public long MaxRows { get; set; } = long.MaxValue;

    /// <summary>Field values (after trimming spaces) that mean "no value".</summary>
    public IReadOnlyList<string> MissingTokens { get; set; } = ["", "NA", "N/A", "NaN", "null", "NULL", "?"];

    /// <summary>
    /// When the header parses as a single column but would split on another common delimiter, fail with
    /// "wrong delimiter" instead of silently reading a one-column table.
    /// </summary>
    public bool RejectSuspectedWrongDelimiter { get; set; } = true;

    /// <summary>Size of the pooled read buffer; it grows (up to the line limit) only for records longer than this.</summary>
    public int BufferBytes { get; set; } = 256 * 1024;
}
