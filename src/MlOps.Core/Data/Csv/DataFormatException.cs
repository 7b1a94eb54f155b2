using System.Globalization;

namespace MlOps.Core.Data.Csv;

/// <summary>
/// Input data that cannot be read as a table. The message names the source, the line and column (1-based)
/// and the problem, so a user can find and fix the bad spot without a debugger.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string source, long line, int? column, string? columnName, string problem)
        : base(Format(source, line, column, columnName, problem))
    {
        SourceName = source;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Problem = problem;
    }

    public DataFormatException()
        : this("data", 0, null, null, "invalid data")
    {
    }

    public DataFormatException(string message)
        : this("data", 0, null, null, message)
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = "data";
        Problem = message;
    }

    /// <summary>The file or blob name. Hides <see cref="Exception.Source"/> (the throwing assembly), which says nothing about data.</summary>
    public new string Source => SourceName;

    /// <summary>The file or blob name, under a name that cannot be confused with <see cref="Exception.Source"/> through a base reference.</summary>
    public string SourceName { get; }

    /// <summary>1-based physical line; 0 when the problem is not tied to a line.</summary>
    public long Line { get; }

    public int? Column { get; }

    public string? ColumnName { get; }

    public string Problem { get; }

    private static string Format(string source, long line, int? column, string? columnName, string problem)
    {
        string where = line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{source}: line {line}") : source;
        if (column is int c)
        {
            where += string.Create(CultureInfo.InvariantCulture, $", column {c}");
            if (!string.IsNullOrEmpty(columnName))
            {
                where += $" ('{columnName}')";
            }
        }

        return $"{where}: {problem}";
    }
}
