using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Parquet;

namespace MlOps.Core.Tests.Data.Parquet;

public class ParquetTableReaderTests
{
    [Fact]
    public async Task OpenAsync_GeneratedFile_ExposesColumnsKindsAndRowGroups()
    {
        byte[] file = await ParquetTestFiles.WriteAsync(ParquetTestFiles.RandomRows(250, 1), rowGroupSize: 100);

        await using ParquetTableReader reader = await ParquetTableReader.OpenAsync(new MemoryStream(file), "t.parquet");

        Assert.Equal(["score", "count", "flag", "colour", "when"], reader.ColumnNames);
        Assert.Equal([true, true, true, false, false], Enumerable.Range(0, 5).Select(reader.IsNumeric));
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(250, reader.RowCount);
    }

    [Fact]
    public async Task ReadRowGroups_GeneratedFile_ReturnsTheWrittenValuesWithNulls()
    {
        var rows = ParquetTestFiles.RandomRows(250, 2);
        byte[] file = await ParquetTestFiles.WriteAsync(rows, rowGroupSize: 100);
        await using ParquetTableReader reader = await ParquetTableReader.OpenAsync(new MemoryStream(file), "t.parquet");

        var scores = new List<double?>();
        var counts = new List<double?>();
        var flags = new List<double?>();
        var colours = new List<string?>();
        var times = new List<string?>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroup group = reader.OpenRowGroup(g);
            scores.AddRange(await group.ReadNumbersAsync(0));
            counts.AddRange(await group.ReadNumbersAsync(1));
            flags.AddRange(await group.ReadNumbersAsync(2));
            colours.AddRange(await group.ReadStringsAsync(3));
            times.AddRange(await group.ReadStringsAsync(4));
        }

        Assert.Equal(rows.Select(r => r.Score), scores);
        Assert.Equal(rows.Select(r => (double?)r.Count), counts);
        Assert.Equal(rows.Select(r => (double?)(r.Flag ? 1 : 0)), flags);
        Assert.Equal(rows.Select(r => r.Colour), colours);
        Assert.StartsWith("2024-01-01T00:01:00.0000000", times[1], StringComparison.Ordinal);
        Assert.Contains(null, scores);
    }

    [Fact]
    public async Task OpenAsync_CsvBytes_ThrowsNotParquet()
    {
        DataFormatException error = await Assert.ThrowsAsync<DataFormatException>(
            () => ParquetTableReader.OpenAsync(new MemoryStream("a,b\n1,2\n"u8.ToArray()), "fake.parquet"));

        Assert.StartsWith("fake.parquet: not a readable Parquet file", error.Message, StringComparison.Ordinal);
    }
}
