using MlOps.Core.Data.Csv;
using Parquet;
using Parquet.Schema;

namespace MlOps.Core.Data.Parquet;

/// <summary>
/// Reads a Parquet file row group by row group, as the same flat table the CSV reader gives: named columns that
/// are either numeric (numbers and booleans, read as double?) or text (strings, dates and times, read as string?).
/// Nested and binary columns are a <see cref="DataFormatException"/>. Parquet needs a seekable stream.
/// </summary>
public sealed class ParquetTableReader : IAsyncDisposable
{
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;

    private ParquetTableReader(ParquetReader reader, DataField[] fields, string sourceName)
    {
        _reader = reader;
        _fields = fields;
        SourceName = sourceName;
        ColumnNames = [.. fields.Select(f => f.Name)];
        RowCount = reader.RowGroups.Sum(g => g.RowCount);
    }

    public string SourceName { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public int RowGroupCount => _reader.RowGroupCount;

    public long RowCount { get; }

    public static async Task<ParquetTableReader> OpenAsync(Stream stream, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: false, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await stream.DisposeAsync();
            throw new DataFormatException(sourceName, 0, null, null, $"not a readable Parquet file ({exception.Message})");
        }

        try
        {
            return new ParquetTableReader(reader, FlatFields(reader.Schema, sourceName), sourceName);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>True for columns read with <see cref="ParquetRowGroup.ReadNumbersAsync"/>, false for <see cref="ParquetRowGroup.ReadStringsAsync"/>.</summary>
    public bool IsNumeric(int column) => ParquetColumnTypes.IsNumeric(_fields[column].ClrType);

    /// <summary>
    /// True for 64-bit integer columns (numeric too): read them with <see cref="ParquetRowGroup.ReadIntegerDigitsAsync"/>
    /// where values from 2^53 on must stay exact (as a double, 300 distinct ids near 2^64 are one value).
    /// </summary>
    public bool IsWideInteger(int column) => ParquetColumnTypes.IsWideInteger(_fields[column].ClrType);

    public ParquetRowGroup OpenRowGroup(int index) => new(_reader.OpenRowGroupReader(index), _fields);

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private static DataField[] FlatFields(ParquetSchema schema, string sourceName)
    {
        var fields = new DataField[schema.Fields.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            Field field = schema.Fields[i];
            if (field is not DataField data || data.IsArray)
            {
                throw new DataFormatException(sourceName, 0, i + 1, field.Name, "nested or repeated columns (lists, maps, structs) are not supported");
            }

            if (!ParquetColumnTypes.IsSupported(data.ClrType))
            {
                throw new DataFormatException(sourceName, 0, i + 1, field.Name, $"columns of type {data.ClrType.Name} are not supported");
            }

            fields[i] = data;
        }

        return fields;
    }
}
