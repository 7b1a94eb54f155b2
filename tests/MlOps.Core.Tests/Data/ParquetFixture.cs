using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace MlOps.Core.Tests.Data;

/// <summary>Writes the iris CSV as Parquet (two row groups: four double features and a string label).</summary>
internal static class ParquetFixture
{
    public static async Task WriteIrisAsync(string csvPath, string parquetPath)
    {
        string[][] rows = [.. File.ReadLines(csvPath).Skip(1).Select(l => l.Split(','))];
        string[] header = File.ReadLines(csvPath).First().Split(',');
        DataField<double>[] features = [.. header[..4].Select(h => new DataField<double>(h))];
        var label = new DataField<string>(header[4], true);
        await using FileStream stream = File.Create(parquetPath);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. features, label]), stream);
        foreach (string[][] chunk in rows.Chunk(80))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            for (int f = 0; f < features.Length; f++)
            {
                await group.WriteAsync<double>(features[f], chunk.Select(r => double.Parse(r[f], CultureInfo.InvariantCulture)).ToArray().AsMemory());
            }

            await group.WriteAsync(label, chunk.Select(r => (string?)r[4]).ToArray());
        }
    }
}
