using MlOps.Core.Data.Csv;

namespace MlOps.Core.Data.Profiling;

/// <summary>A CSV file or blob, reopened through <paramref name="open"/> for each pass.</summary>
public sealed class CsvDatasetSource(Func<Stream> open, string name, CsvReaderOptions? options = null) : IDatasetSource
{
    private const int RowsPerReport = 4096;

    public string Name => name;

    public Task ScanAsync(IDatasetVisitor visitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        using var reader = new CsvRecordReader(open(), name, options);
        visitor.OnColumns(reader.Header);
        int[] wanted = [.. Enumerable.Range(0, reader.Header.Count).Where(visitor.WantsColumn)];
        long rows = 0;
        while (reader.Read())
        {
            foreach (int column in wanted)
            {
                if (reader.IsMissing(column))
                {
                    visitor.OnMissing(column);
                }
                else if (reader.TryGetDouble(column, out double value) && double.IsFinite(value))
                {
                    visitor.OnNumber(column, value, reader.GetFieldUtf8(column));
                }
                else
                {
                    visitor.OnText(column, reader.GetValidatedUtf8(column));
                }
            }

            if (++rows == RowsPerReport)
            {
                visitor.OnRows(rows);
                rows = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        visitor.OnRows(rows);
        return Task.CompletedTask;
    }
}
