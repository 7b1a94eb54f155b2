using System.Text.Json;

namespace MlOps.Core.AzureRest;

/// <summary>One table of a Log Analytics answer: its name, column names and types, and rows of JSON values in column order.</summary>
public sealed record LogTable(string Name, IReadOnlyList<LogColumn> Columns, IReadOnlyList<IReadOnlyList<JsonElement>> Rows)
{
    /// <summary>The index of <paramref name="column"/>; -1 when the table has no such column.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
