using Parquet;
using Parquet.Schema;

namespace MlOps.Core.Tests.Data.Parquet;

/// <summary>Writes small Parquet files with Parquet.Net for the tests.</summary>
internal static class ParquetTestFiles
{
    public static readonly DataField<double?> Score = new("score");
    public static readonly DataField<int> Count = new("count");
    public static readonly DataField<bool> Flag = new("flag");
    public static readonly DataField<string> Colour = new("colour", true);
    public static readonly DataField<DateTime> When = new("when");

    /// <summary>Two row groups of the given rows; a null score or colour is written as null.</summary>
    public static async Task<byte[]> WriteAsync(IReadOnlyList<(double? Score, int Count, bool Flag, string? Colour, DateTime When)> rows, int rowGroupSize)
    {
        using var stream = new MemoryStream();
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(Score, Count, Flag, Colour, When), stream))
        {
            foreach (var chunk in rows.Chunk(rowGroupSize))
            {
                using ParquetRowGroupWriter group = writer.CreateRowGroup();
                await group.WriteAsync<double>(Score, chunk.Select(r => r.Score).ToArray().AsMemory());
                await group.WriteAsync<int>(Count, chunk.Select(r => r.Count).ToArray().AsMemory());
                await group.WriteAsync<bool>(Flag, chunk.Select(r => r.Flag).ToArray().AsMemory());
                await group.WriteAsync(Colour, chunk.Select(r => r.Colour).ToArray());
                await group.WriteAsync<DateTime>(When, chunk.Select(r => r.When).ToArray().AsMemory());
            }
        }

        return stream.ToArray();
    }

    /// <summary>One row group: an unsigned 64-bit id column, a numeric feature and a string label.</summary>
    public static async Task<byte[]> WriteIdsAsync(ulong[] ids, double[] x, string[] labels)
    {
        var id = new DataField<ulong>("id");
        var feature = new DataField<double>("x");
        var label = new DataField<string>("label", true);
        using var stream = new MemoryStream();
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, feature, label), stream))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<ulong>(id, ids.AsMemory());
            await group.WriteAsync<double>(feature, x.AsMemory());
            await group.WriteAsync(label, labels);
        }

        return stream.ToArray();
    }

    public static List<(double? Score, int Count, bool Flag, string? Colour, DateTime When)> RandomRows(int count, int seed)
    {
        var random = new Random(seed);
        string?[] colours = ["red", "green", "blue", null];
        return [.. Enumerable.Range(0, count).Select(i => (
            random.Next(20) == 0 ? (double?)null : Math.Round((random.NextDouble() * 100) - 20, 3),
            random.Next(0, 50),
            random.Next(2) == 0,
            colours[random.Next(colours.Length)],
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i)))];
    }
}
