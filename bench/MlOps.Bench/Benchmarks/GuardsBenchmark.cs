using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MlOps.Core.Data.Csv;
using MlOps.Core.Registry;
using MlOps.Core.Specs;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// What the input guards cost where they run on a hot path, each with and without in the same run: the CSV
/// injection check on every record of a scored file, and the identifier checks on every request.
/// </summary>
internal sealed class GuardsBenchmark : IBenchmark
{
    private const int Rows = 200_000;
    private const int Repeats = 7;
    private const int Checks = 5_000_000;

    public string Name => "guards";

    public Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        context.Progress($"writing {Rows:N0} rows of 32 columns (30 numbers, a fifth of them negative, a category, a short text)");
        byte[] clean = Csv(payloadEvery: 0);
        byte[] hostile = Csv(payloadEvery: 100);

        context.Progress("scored-output records, as read vs neutralised (interleaved)");
        double raw = 0, checkedClean = 0, checkedHostile = 0;
        for (int repeat = 0; repeat < Repeats; repeat++)
        {
            // Interleaved, so that a busy moment of the shared machine does not fall on one variant only.
            raw = Math.Max(raw, RowsPerSecond(clean, reader => Encoding.UTF8.GetString(reader.CurrentRecordRaw)));
            checkedClean = Math.Max(checkedClean, RowsPerSecond(clean, CsvFieldEscaper.RecordForSpreadsheet));
            checkedHostile = Math.Max(checkedHostile, RowsPerSecond(hostile, CsvFieldEscaper.RecordForSpreadsheet));
        }

        context.Progress("identifier checks vs parsing the request body");
        byte[] body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { Enumerable.Range(0, 30).ToDictionary(i => $"feature_{i}", i => 10.5 + i) }));
        double checkNs = BestNanoseconds(() => ModelName.TryNormalize("breast-cancer", out _) & AliasName.TryNormalize("production", out _) & VersionNumber.TryParse("12", out _));
        double parseNs = BestNanoseconds(() =>
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.GetArrayLength() == 1;
        }, Checks / 10);

        return Task.FromResult(new BenchmarkReport(
            "Input guards: CSV injection check on scored output, identifier checks per request",
            [
                new($"scored-output records/s ({Rows:N0} rows, 32 columns, a fifth of the numbers negative, none to neutralise): checked vs copied as read", F(checkedClean), F(raw), Ratio(checkedClean / raw)),
                new("same with 1% of rows holding a formula cell (those rows rewritten cell by cell)", F(checkedHostile), F(raw), Ratio(checkedHostile / raw)),
                new("time the check adds per row, none to neutralise (us)", F((1e6 / checkedClean) - (1e6 / raw), "F2")),
                new("model + alias + version checks per request (ns) vs parsing a 1-row, 30-feature JSON body (ns)", F(checkNs, "F0"), F(parseNs, "F0"), Ratio(checkNs / parseNs)),
            ],
            $"""
            Measured in one process, best of {Repeats}, on a machine shared with other builds: compare the columns of one run, not runs.
            Scored output: each record of an in-memory CSV read with `CsvRecordReader` and turned into the output line's input part,
            either copied as read (what batch scoring did before the check) or through `CsvFieldEscaper.RecordForSpreadsheet` (a look at each
            cell that starts with a trigger byte, found by a vectorised search, so mostly the negative numbers; a row with a formula cell
            is rewritten with each such cell behind a single quote). The model's scoring is the same either way and left out: the serving
            section's batch figure (about 2 us a row on these cores) puts the added time per row in proportion. Identifiers: `ModelName`, `AliasName` and `VersionNumber`
            on typical values, {Checks:N0} times, against `JsonDocument.Parse` of a request body every prediction parses anyway.
            The ingest side of the 64-bit integer rule is one comparison per parsed number (|value| < 2^53) before any further look.
            """));
    }

    private static byte[] Csv(int payloadEvery)
    {
        var random = new Random(7);
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, 30).Select(i => $"feature_{i}")) + ",colour,note\n");
        string[] colours = ["red", "green", "blue"];
        for (int row = 0; row < Rows; row++)
        {
            for (int i = 0; i < 30; i++)
            {
                csv.Append((random.NextDouble() * 100 - 20).ToString("F3", CultureInfo.InvariantCulture)).Append(',');
            }

            csv.Append(colours[row % 3]).Append(',').Append(payloadEvery > 0 && row % payloadEvery == 0 ? "\"=HYPERLINK(\"\"x\"\")\"" : "all good").Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static double RowsPerSecond(byte[] csv, Func<CsvRecordReader, string> line)
    {
        var timer = Stopwatch.StartNew();
        long length = 0;
        using (var reader = new CsvRecordReader(new MemoryStream(csv), "bench.csv"))
        {
            while (reader.Read())
            {
                length += line(reader).Length;
            }
        }

        GC.KeepAlive(length);
        return Rows / timer.Elapsed.TotalSeconds;
    }

    private static double BestNanoseconds(Func<bool> operation, int count = Checks)
    {
        double best = double.MaxValue;
        for (int repeat = 0; repeat < Repeats; repeat++)
        {
            int passed = 0;
            var timer = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                passed += operation() ? 1 : 0;
            }

            best = Math.Min(best, timer.Elapsed.TotalNanoseconds / count);
            GC.KeepAlive(passed);
        }

        return best;
    }

    private static string F(double value, string format = "F0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString("0.00x", CultureInfo.InvariantCulture);
}
