using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace MlOps.Core.Data.Parquet;

/// <summary>One row group; columns are read one at a time so that memory holds a single column chunk.</summary>
public sealed class ParquetRowGroup : IDisposable
{
    private readonly ParquetRowGroupReader _group;
    private readonly DataField[] _fields;

    internal ParquetRowGroup(ParquetRowGroupReader group, DataField[] fields)
    {
        _group = group;
        _fields = fields;
    }

    public long RowCount => _group.RowCount;

    /// <summary>A numeric column's values as doubles (booleans as 0 and 1), null where the file has null.</summary>
    public async Task<double?[]> ReadNumbersAsync(int column, CancellationToken cancellationToken = default)
    {
        DataField field = _fields[column];
        return field.ClrType switch
        {
            Type t when t == typeof(double) => await ReadAsync<double>(field, v => v, cancellationToken),
            Type t when t == typeof(float) => await ReadAsync<float>(field, v => v, cancellationToken),
            Type t when t == typeof(decimal) => await ReadAsync<decimal>(field, v => (double)v, cancellationToken),
            Type t when t == typeof(bool) => await ReadAsync<bool>(field, v => v ? 1 : 0, cancellationToken),
            Type t when t == typeof(sbyte) => await ReadAsync<sbyte>(field, v => v, cancellationToken),
            Type t when t == typeof(byte) => await ReadAsync<byte>(field, v => v, cancellationToken),
            Type t when t == typeof(short) => await ReadAsync<short>(field, v => v, cancellationToken),
            Type t when t == typeof(ushort) => await ReadAsync<ushort>(field, v => v, cancellationToken),
            Type t when t == typeof(int) => await ReadAsync<int>(field, v => v, cancellationToken),
            Type t when t == typeof(uint) => await ReadAsync<uint>(field, v => v, cancellationToken),
            Type t when t == typeof(long) => await ReadAsync<long>(field, v => v, cancellationToken),
            Type t when t == typeof(ulong) => await ReadAsync<ulong>(field, v => v, cancellationToken),
            _ => throw new InvalidOperationException($"Column '{field.Name}' ({field.ClrType.Name}) is not numeric."),
        };
    }

    /// <summary>A 64-bit integer column's values as their exact decimal digits, null where the file has null.</summary>
    public async Task<string?[]> ReadIntegerDigitsAsync(int column, CancellationToken cancellationToken = default)
    {
        DataField field = _fields[column];
        return field.ClrType switch
        {
            Type t when t == typeof(long) => await ReadAsync<long>(field, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            Type t when t == typeof(ulong) => await ReadAsync<ulong>(field, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ => throw new InvalidOperationException($"Column '{field.Name}' ({field.ClrType.Name}) is not a 64-bit integer."),
        };
    }

    /// <summary>A text column's values (dates and times in ISO 8601), null where the file has null.</summary>
    public async Task<string?[]> ReadStringsAsync(int column, CancellationToken cancellationToken = default)
    {
        DataField field = _fields[column];
        if (ParquetColumnTypes.IsString(field.ClrType))
        {
            var values = new string?[RowCount];
            await _group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            return values;
        }

        return field.ClrType switch
        {
            Type t when t == typeof(DateTime) => await ReadAsync<DateTime>(field, v => v.ToString("O", CultureInfo.InvariantCulture), cancellationToken),
            Type t when t == typeof(DateTimeOffset) => await ReadAsync<DateTimeOffset>(field, v => v.ToString("O", CultureInfo.InvariantCulture), cancellationToken),
            Type t when t == typeof(DateOnly) => await ReadAsync<DateOnly>(field, v => v.ToString("O", CultureInfo.InvariantCulture), cancellationToken),
            Type t when t == typeof(TimeOnly) => await ReadAsync<TimeOnly>(field, v => v.ToString("O", CultureInfo.InvariantCulture), cancellationToken),
            Type t when t == typeof(TimeSpan) => await ReadAsync<TimeSpan>(field, v => v.ToString("c", CultureInfo.InvariantCulture), cancellationToken),
            Type t when t == typeof(Guid) => await ReadAsync<Guid>(field, v => v.ToString("D", CultureInfo.InvariantCulture), cancellationToken),
            _ => throw new InvalidOperationException($"Column '{field.Name}' ({field.ClrType.Name}) is not text."),
        };
    }

    public void Dispose() => _group.Dispose();

    private async Task<T?[]> ReadNullableAsync<T>(DataField field, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[RowCount];
            await _group.ReadAsync<T>(field, nullable.AsMemory(), null, cancellationToken);
            return nullable;
        }

        var values = new T[RowCount];
        await _group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
        return Array.ConvertAll(values, v => (T?)v);
    }

    private async Task<double?[]> ReadAsync<T>(DataField field, Func<T, double> convert, CancellationToken cancellationToken)
        where T : struct =>
        Array.ConvertAll(await ReadNullableAsync<T>(field, cancellationToken), v => v is T value ? convert(value) : (double?)null);

    private async Task<string?[]> ReadAsync<T>(DataField field, Func<T, string> convert, CancellationToken cancellationToken)
        where T : struct =>
        Array.ConvertAll(await ReadNullableAsync<T>(field, cancellationToken), v => v is T value ? convert(value) : null);
}
