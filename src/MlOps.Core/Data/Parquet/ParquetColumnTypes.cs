namespace MlOps.Core.Data.Parquet;

/// <summary>Which Parquet column types read as numbers and which as text.</summary>
internal static class ParquetColumnTypes
{
    private static readonly HashSet<Type> Numeric =
    [
        typeof(double), typeof(float), typeof(decimal), typeof(bool),
        typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
    ];

    private static readonly HashSet<Type> Text =
    [
        typeof(string), typeof(ReadOnlyMemory<char>), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid),
    ];

    public static bool IsNumeric(Type type) => Numeric.Contains(type);

    /// <summary>64-bit integers, whose values from 2^53 on a double cannot hold: read as their exact digits.</summary>
    public static bool IsWideInteger(Type type) => type == typeof(long) || type == typeof(ulong);

    /// <summary>UTF-8 columns: Parquet.Net 6 describes those it reads as ReadOnlyMemory&lt;char&gt;, those it writes as string.</summary>
    public static bool IsString(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    public static bool IsSupported(Type type) => Numeric.Contains(type) || Text.Contains(type);
}
