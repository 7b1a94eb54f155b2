using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlOps.Core.Data;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Data.Validation;
using MlOps.Core.Serialization;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Data;

/// <summary>
/// Preparing a local file writes the splits beside the profiler's later passes: the outcome must be what profiling
/// first and splitting afterwards gives, and a failure or a cancellation must leave nothing running.
/// </summary>
public sealed class LocalDatasetPreparerTests : IDisposable
{
    // Far below the data's numbers, so that the profiler spills them and replays them in a second pass.
    private const long SmallValueBudget = 1_000;

    private const string AwkwardCsvSplitsSha256 = "7cae758667777943284cd1a808fc7e9c42c3b6377d17a8a9aaa858c64b3c1603";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "local-preparer-tests-" + Guid.NewGuid().ToString("N"));

    public LocalDatasetPreparerTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Numbers in several spellings with missing values and a type error, a categorical column, quoted text, a few unlabelled and duplicate rows.</summary>
    private string WriteCsv(int rows)
    {
        string[] spellings = ["{0}", " {0} ", "+{0}", "{0}e0", "NA", ""];
        string[] notes = ["plain", "\"with, comma\"", "\"say \"\"hi\"\"\"", "\"two\nlines\""];
        var random = new Random(11);
        var csv = new StringBuilder("x,y,colour,note,label\n");
        for (int i = 0; i < rows; i++)
        {
            int label = random.Next(2);
            string x = i == 17 ? "oops" : i % 10 == 0
                ? string.Format(CultureInfo.InvariantCulture, spellings[random.Next(spellings.Length)], random.Next(1000))
                : (random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture);
            string y = (label + (random.NextDouble() * 3)).ToString("F3", CultureInfo.InvariantCulture);
            string row = string.Join(',', x, y, (random.Next(5) + label) switch { 0 => "red", 1 => "green", 2 => "blue", _ => "grey" },
                notes[random.Next(notes.Length)], i % 97 == 3 ? "" : label == 1 ? "yes" : "no");
            csv.Append(row).Append('\n');
            if (i % 200 == 0)
            {
                csv.Append(row).Append('\n');
            }
        }

        string path = Path.Combine(_folder, "data.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PrepareAsync_WithProgress_ReportsRowsAndBytesUpToTheWholeFile(bool twoPasses)
    {
        string path = WriteCsv(3_000);
        var reports = new RecordedProgress();
        string work = Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName;

        PreparedLocally prepared = twoPasses
            ? await LocalDatasetPreparer.PrepareAsync(path, "data.csv", new PipelineSpec { Label = "label" }, new CsvReaderOptions(), work, SmallValueBudget, reports, CancellationToken.None)
            : await LocalDatasetPreparer.PrepareAsync(path, "data.csv", new PipelineSpec { Label = "label" }, new CsvReaderOptions(), work, reports, CancellationToken.None);

        StepProgress[] parse = [.. reports.All.Where(p => p.Phase == "parse")];
        Assert.True(parse.Length >= 2, $"a report per block of rows, got {parse.Length}");
        Assert.Equal(prepared.Profile!.RowCount, parse[^1].Rows);
        Assert.Equal(new FileInfo(path).Length, parse[^1].Bytes);
        Assert.All(parse, p => Assert.Equal(new FileInfo(path).Length, p.TotalBytes));
        Assert.Equal(parse.Select(p => p.Rows).Order(), parse.Select(p => p.Rows)); // rows only grow
    }

    public static TheoryData<string> Specs => new()
    {
        """{ "label": "label" }""",
        """{ "task": "regression", "label": "y" }""",
        // x recounted as categorical: the summary waits for that pass, and the split pass follows the rest.
        """{ "label": "label", "columns": { "x": { "kind": "categorical" } } }""",
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task PrepareAsync_TwoPassProfile_SameAsProfilingThenSplitting(string specJson)
    {
        string path = WriteCsv(3_000);
        PipelineSpec spec = PipelineSpecSerializer.Parse(specJson);
        string overlapped = Directory.CreateDirectory(Path.Combine(_folder, "overlapped")).FullName;
        string sequential = Directory.CreateDirectory(Path.Combine(_folder, "sequential")).FullName;

        PreparedLocally prepared = await LocalDatasetPreparer.PrepareAsync(path, "data.csv", spec, new CsvReaderOptions(), overlapped, SmallValueBudget, CancellationToken.None);
        (DatasetProfile profile, FeatureLayout layout, List<ValidationFinding> findings, string[] files) = await ProfileThenSplitAsync(path, spec, sequential);

        Assert.True(prepared.Report.Passed, prepared.Report.Summary());
        Assert.True(prepared.Profile!.Passes > 1);
        Assert.Equal(DatasetProfileJson.Serialize(profile), DatasetProfileJson.Serialize(prepared.Profile));
        Assert.Equal(JsonDefaults.Serialize(layout), JsonDefaults.Serialize(prepared.Layout));
        Assert.Equal(JsonDefaults.Serialize(findings), JsonDefaults.Serialize(prepared.Report.Findings));
        Assert.Equal(files.Select(File.ReadAllBytes), prepared.SplitFiles.Select(File.ReadAllBytes));
    }

    [Fact]
    public async Task PrepareAsync_SplitFileCannotBeCreated_FailsOnceProfilingIsDone()
    {
        string path = WriteCsv(3_000);
        string work = Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName;
        Directory.CreateDirectory(Path.Combine(work, PreparedDatasetStore.TrainFile));

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() =>
            LocalDatasetPreparer.PrepareAsync(path, "data.csv", new PipelineSpec { Label = "label" }, new CsvReaderOptions(), work, SmallValueBudget, CancellationToken.None));

        Assert.True(error is IOException or UnauthorizedAccessException, error.ToString());
        Assert.Empty(Directory.GetFiles(work, "*.spill"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(150)]
    public async Task PrepareAsync_CancelledWhileRunning_ThrowsAndClosesEveryFile(int afterMilliseconds)
    {
        string path = WriteCsv(60_000);
        string work = Directory.CreateDirectory(Path.Combine(_folder, "cancelled")).FullName;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(afterMilliseconds));

        try
        {
            await LocalDatasetPreparer.PrepareAsync(path, "data.csv", new PipelineSpec { Label = "label" }, new CsvReaderOptions(), work, SmallValueBudget, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Where it stopped depends on the machine; that it stopped cleanly does not.
        }

        // A split file still open (by a pass left running) could not be opened exclusively.
        foreach (string file in Directory.GetFiles(work))
        {
            using var exclusive = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }

        Assert.Empty(Directory.GetFiles(work, "*.spill"));
    }

    [Fact]
    public async Task PrepareAsync_FormulaLikeCellsAndLabels_SplitsKeepEveryValueExactly()
    {
        // Split files are read only by the product: no spreadsheet ever opens them, so they keep the raw values.
        string[] payloads = [.. MlOps.Testing.OwaspCsvPayloads.All, .. MlOps.Testing.OwaspCsvPayloads.Numbers, "with, comma", "say \"hi\""];
        var random = new Random(5);
        var rows = new List<(string Note, string Label, double X)>();
        var csv = new StringBuilder("x,note,label\n");
        for (int i = 0; i < 600; i++)
        {
            var row = (Note: payloads[i % payloads.Length], Label: random.Next(2) == 0 ? "=malignant()" : "-benign", X: Math.Round(random.NextDouble() * 10, 3));
            rows.Add(row);
            csv.Append(row.X.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(CsvFieldEscaper.Escape(row.Note)).Append(',').Append(row.Label).Append('\n');
        }

        string path = Path.Combine(_folder, "payloads.csv");
        await File.WriteAllTextAsync(path, csv.ToString());
        PipelineSpec spec = PipelineSpecSerializer.Parse("""{ "label": "label", "columns": { "note": { "kind": "categorical" } }, "validation": { "maxDuplicateRate": 1 } }""");

        PreparedLocally prepared = await LocalDatasetPreparer.PrepareAsync(path, "payloads.csv", spec, new CsvReaderOptions(), _folder);

        Assert.True(prepared.Report.Passed, prepared.Report.Summary());
        Assert.Contains("note", prepared.Layout!.CategoricalFeatures);
        Assert.Equal(["-benign", "=malignant()"], prepared.Layout.Classes.Order(StringComparer.Ordinal));
        var read = new List<(string Note, string Label)>();
        foreach (string split in prepared.SplitFiles)
        {
            using var reader = new CsvRecordReader(File.OpenRead(split), split);
            int note = reader.Header.ToList().IndexOf("note");
            int label = reader.Header.ToList().IndexOf("label");
            while (reader.Read())
            {
                read.Add((reader.GetString(note), reader.GetString(label)));
            }
        }

        Assert.Equal(rows.Select(r => (r.Note, r.Label)).Order(), read.Order());
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".parquet")]
    public async Task PrepareAsync_UInt64IdsNear2To64_KeptExactAsDistinctText(string extension)
    {
        ulong[] ids = [.. Enumerable.Range(0, 300).Select(i => ulong.MaxValue - (ulong)(i * 7))];
        var random = new Random(3);
        double[] x = [.. ids.Select(_ => Math.Round(random.NextDouble() * 10, 3))];
        string[] labels = [.. x.Select(_ => random.Next(2) == 0 ? "yes" : "no")];
        string path = Path.Combine(_folder, "ids" + extension);
        if (extension == ".csv")
        {
            await File.WriteAllLinesAsync(path, ["id,x,label", .. ids.Select((id, i) => string.Create(CultureInfo.InvariantCulture, $"{id},{x[i]},{labels[i]}"))]);
        }
        else
        {
            await File.WriteAllBytesAsync(path, await Parquet.ParquetTestFiles.WriteIdsAsync(ids, x, labels));
        }

        PreparedLocally prepared = await LocalDatasetPreparer.PrepareAsync(path, "ids" + extension, new PipelineSpec { Label = "label" }, new CsvReaderOptions(), _folder);

        Assert.True(prepared.Report.Passed, prepared.Report.Summary());
        var profile = prepared.Profile!.Column("id");
        Assert.NotEqual(MlOps.Core.Data.Inference.ColumnKind.Numeric, profile.Kind);
        Assert.Equal(300, profile.Categorical!.Cardinality); // not "a single value"
        Assert.Contains(prepared.Report.Findings, f => f.Code == "identifier-column" && f.Column == "id");
        string splits = string.Concat(prepared.SplitFiles.Select(File.ReadAllText));
        Assert.All(ids, id => Assert.Contains(id.ToString(CultureInfo.InvariantCulture), splits, StringComparison.Ordinal));
    }

    /// <summary>
    /// Quoted commas, quotes and line breaks (LF and CRLF) in text and in labels, records ending in LF or CRLF at random,
    /// missing tokens and empty cells, numbers spelled with spaces, signs and exponents, a type error, unlabelled and
    /// duplicate rows: for 60,000 rows about 2.6 MB, so the parsing threads take it in several chunks.
    /// </summary>
    internal static string AwkwardCsv(int rows)
    {
        string[] spellings = ["{0}", " {0} ", "+{0}", "{0}e0", "{0}E+1", "{0}.50", "NA", "", "N/A", "-{0}"];
        string[] notes = ["plain", "\"with, comma\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"cr\r\nlf\"", "NA", "", "\"\""];
        string[] labels = ["yes", "no", " yes", "\"no\"", "", "NA", "\"y,es\""];
        var random = new Random(20261207);
        var csv = new StringBuilder("x,y,colour,note,z,label\n");
        for (int i = 0; i < rows; i++)
        {
            string x = i == 1_234 ? "oops" : i % 7 == 0
                ? string.Format(CultureInfo.InvariantCulture, spellings[random.Next(spellings.Length)], random.Next(1000))
                : (random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture);
            string y = (random.NextDouble() * 3).ToString("F3", CultureInfo.InvariantCulture);
            string colour = random.Next(6) switch { 0 => "red", 1 => "green", 2 => "\"blue, dark\"", 3 => "NA", _ => "grey" };
            string z = random.Next(100).ToString(CultureInfo.InvariantCulture);
            string row = string.Join(',', x, y, colour, notes[random.Next(notes.Length)], z, labels[random.Next(labels.Length)]);
            string end = random.Next(3) == 0 ? "\r\n" : "\n";
            csv.Append(row).Append(end);
            if (i % 500 == 0)
            {
                csv.Append(row).Append(end);
            }
        }

        return csv.ToString();
    }

    [Fact]
    public async Task PrepareAsync_AwkwardCsvInManyChunks_SplitsByteIdenticalToTheOneThreadPath()
    {
        string path = Path.Combine(_folder, "data.csv");
        await File.WriteAllTextAsync(path, AwkwardCsv(60_000));
        var spec = new PipelineSpec { Label = "label", Task = ModelTask.Multiclass };
        string chunked = Directory.CreateDirectory(Path.Combine(_folder, "chunked")).FullName;
        string oneThread = Directory.CreateDirectory(Path.Combine(_folder, "one-thread")).FullName;

        PreparedLocally prepared = await LocalDatasetPreparer.PrepareAsync(path, "data.csv", spec, new CsvReaderOptions(), chunked, SmallValueBudget, CancellationToken.None);
        (DatasetProfile profile, FeatureLayout layout, List<ValidationFinding> findings, string[] files) = await ProfileThenSplitAsync(path, spec, oneThread, parseInParallel: false);

        Assert.True(new FileInfo(path).Length > 3 * 768 * 1024, "several chunks");
        Assert.True(prepared.Report.Passed, prepared.Report.Summary());
        Assert.Equal(DatasetProfileJson.Serialize(profile), DatasetProfileJson.Serialize(prepared.Profile!));
        Assert.Equal(JsonDefaults.Serialize(layout), JsonDefaults.Serialize(prepared.Layout));
        Assert.Equal(JsonDefaults.Serialize(findings), JsonDefaults.Serialize(prepared.Report.Findings));
        Assert.Equal(files.Select(File.ReadAllBytes), prepared.SplitFiles.Select(File.ReadAllBytes));

        // The bytes the split pass wrote before records were copied whole on the profiler's word (one parse thread each).
        Assert.Equal(AwkwardCsvSplitsSha256, Convert.ToHexStringLower(SHA256.HashData([.. prepared.SplitFiles.SelectMany(File.ReadAllBytes)])));
    }

    /// <summary>The passes one after the other, as ingest ran them before the split pass overlapped the profiler.</summary>
    private static async Task<(DatasetProfile Profile, FeatureLayout Layout, List<ValidationFinding> Findings, string[] Files)> ProfileThenSplitAsync(
        string path, PipelineSpec spec, string folder, bool parseInParallel = true)
    {
        var csv = new CsvReaderOptions();
        var labels = new LabelObserver(spec.Label, spec.Task != ModelTask.Regression);
        var numericValues = new NumericLeakageObserver(labels, spec.Task == ModelTask.Regression);
        var options = new DatasetProfilerOptions
        {
            KindOverrides = spec.Columns.ToDictionary(c => c.Key, c => c.Value.Kind, StringComparer.Ordinal),
            SpillDirectory = folder,
            InMemoryValueBudget = SmallValueBudget,
        };
        DatasetProfile profile = await new DatasetProfiler(options).ProfileAsync(
            new TeeDatasetSource(new TeeDatasetSource(
                new CsvDatasetSource(() => SplitWriter.OpenSequential(path), "data.csv", csv) { ParseInParallel = parseInParallel }, numericValues), labels));
        (FeatureLayout? layout, List<ValidationFinding> findings) = FeatureLayoutBuilder.Build(profile, labels, spec);
        Assert.NotNull(layout);
        byte[] assignment = DatasetSplitter.Assign(labels.RowClasses, spec.Split);
        var checks = new RowChecks(layout, labels.ClassNames.Count, numericValues, assignment.Length);
        string[] files = [.. new[] { PreparedDatasetStore.TrainFile, PreparedDatasetStore.ValidationFile, PreparedDatasetStore.TestFile }.Select(f => Path.Combine(folder, f))];
        SplitWriter.Write(path, "data.csv", csv, layout, assignment, labels, files, checks, parseInParallel);
        findings.AddRange(RowFindings.From(checks, spec.Validation));
        return (profile, layout, findings, files);
    }
}
