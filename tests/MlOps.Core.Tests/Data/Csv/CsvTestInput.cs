using System.Text;
using MlOps.Core.Data.Csv;
using MlOps.Testing;

namespace MlOps.Core.Tests.Data.Csv;

/// <summary>Opens readers over fixture files and in-memory text for the CSV tests.</summary>
internal static class CsvTestInput
{
    public static string FixturePath(string name) => TestData.PathOf(Path.Combine("data-fixtures", name));

    public static CsvRecordReader OpenFixture(string name, CsvReaderOptions? options = null) =>
        new(File.OpenRead(FixturePath(name)), name, options);

    public static CsvRecordReader OpenText(string text, CsvReaderOptions? options = null, bool trickle = false)
    {
        var bytes = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return new CsvRecordReader(trickle ? new TrickleStream(bytes) : bytes, "inline.csv", options);
    }

    /// <summary>Reads every record as strings.</summary>
    public static List<string[]> ReadAll(CsvRecordReader reader)
    {
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    /// <summary>Reads the fixture to the end and returns the format error it raises.</summary>
    public static DataFormatException ErrorOf(string fixture, CsvReaderOptions? options = null) =>
        Assert.Throws<DataFormatException>(() =>
        {
            using CsvRecordReader reader = OpenFixture(fixture, options);
            while (reader.Read())
            {
            }
        });
}
