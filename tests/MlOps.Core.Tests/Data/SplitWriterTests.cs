using System.Globalization;
using System.Text;
using MlOps.Core.Data;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Data.Validation;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Data;

/// <summary>The split pass on awkward CSV: the parallel and one-thread paths, and the copied-slice fast path, must write the same bytes.</summary>
public sealed class SplitWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "split-writer-tests-" + Guid.NewGuid().ToString("N"));

    public SplitWriterTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Numbers with spaces, signs, exponents and trailing zeros, missing tokens, quoted and escaped text, a few duplicates.</summary>
    private static string AwkwardCsv(char delimiter)
    {
        string[] numbers = ["1.5", " 2.25 ", "1e3", "+4", "0001.50", "NA", "", "3.", "-0.0", "1E-5", "123456789012345678901234567890"];
        string[] names = ["red", "\"blue, dark\"", "\"say \"\"hi\"\"\"", "green", "\"two\nlines\"", "NULL", "\"plain\""];
        string[] labels = ["yes", "no", " yes", "\"no\"", "", "\"a,b\""];
        var csv = new StringBuilder($"x{delimiter}name{delimiter}z{delimiter}label\n");
        var random = new Random(3);
        for (int i = 0; i < 600; i++)
        {
            string z = (random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture);
            // A rare word in the numeric column: a type error, written as missing.
            // Every other value a plain integer, so that the column has enough distinct values to be read as numeric.
            string x = i % 97 == 5 ? "abc" : i % 2 == 0 ? numbers[random.Next(numbers.Length)] : random.Next(10_000).ToString(CultureInfo.InvariantCulture);
            string row = string.Join(delimiter, x, names[random.Next(names.Length)], z, labels[random.Next(labels.Length)]);
            csv.Append(row).Append('\n');
            if (i % 50 == 0)
            {
                csv.Append(row).Append('\n');
            }
        }

        return csv.ToString();
    }

    private async Task<(string[] Files, long[] Counts, long Duplicates)> SplitAsync(string csv, char delimiter, bool parseInParallel, string name, string[]? missingTokens = null)
    {
        string path = Path.Combine(_folder, name + ".csv");
        await File.WriteAllTextAsync(path, csv);
        var options = new CsvReaderOptions { Delimiter = (byte)delimiter };
        if (missingTokens is not null)
        {
            options.MissingTokens = missingTokens;
        }

        var spec = new PipelineSpec { Label = "label", Task = ModelTask.Multiclass };
        var labels = new LabelObserver(spec.Label, classify: true);
        var numericValues = new NumericLeakageObserver(labels, regression: false);
        DatasetProfile profile = await new DatasetProfiler().ProfileAsync(
            new TeeDatasetSource(new TeeDatasetSource(new CsvDatasetSource(() => SplitWriter.OpenSequential(path), name, options), numericValues), labels));
        (FeatureLayout? layout, _) = FeatureLayoutBuilder.Build(profile, labels, spec);
        Assert.NotNull(layout);
        byte[] assignment = DatasetSplitter.Assign(labels.RowClasses, spec.Split);
        string[] destinations = [.. new[] { "train", "validation", "test" }.Select(s => Path.Combine(_folder, $"{name}-{s}.csv"))];
        var checks = new RowChecks(layout, labels.ClassNames.Count, numericValues, assignment.Length);

        long[] counts = SplitWriter.Write(path, name, options, layout, assignment, labels, destinations, checks, parseInParallel);

        return ([.. destinations.Select(File.ReadAllText)], counts, checks.Duplicates);
    }

    [Fact]
    public async Task Plan_ColumnsTheProfilerSawWrittenAsTheyStand_NotExaminedPerRecord()
    {
        // x has one number in another spelling, y only plain numbers and empty cells, colour (categorical) one "NA", note only words.
        var csv = new StringBuilder("x,y,colour,note,label\n");
        for (int i = 0; i < 300; i++)
        {
            string x = i == 150 ? "+3" : (i * 0.37).ToString(CultureInfo.InvariantCulture);
            string y = i % 10 == 0 ? "" : (i * 1.5).ToString(CultureInfo.InvariantCulture);
            string colour = i == 7 ? "NA" : (i % 3) switch { 0 => "red", 1 => "green", _ => "blue" };
            csv.Append(CultureInfo.InvariantCulture, $"{x},{y},{colour},word{i},{(i % 2 == 0 ? "yes" : "no")}\n");
        }

        var source = new CsvDatasetSource(() => new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "plan.csv");
        var labels = new LabelObserver("label", classify: true);
        DatasetProfile profile = await new DatasetProfiler().ProfileAsync(new TeeDatasetSource(source, labels));
        (FeatureLayout? layout, _) = FeatureLayoutBuilder.Build(profile, labels, new PipelineSpec { Label = "label" });
        Assert.NotNull(layout);
        Assert.Equal(["x", "y"], layout.NumericFeatures);
        Assert.Equal(["colour"], layout.CategoricalFeatures);

        var plan = new SplitFieldPlan(layout, labels.ClassNames, labels.RowClasses, copyRecords: true, source.Spellings);
        var unknown = new SplitFieldPlan(layout, labels.ClassNames, labels.RowClasses, copyRecords: true, spellings: null);

        Assert.Equal([0, 2, 4], plan.Examined); // x, colour (categorical), the label
        Assert.Equal([0, 1, 2, 3, 4], unknown.Examined);
    }

    [Fact]
    public async Task Write_ParallelAndOneThread_SameFilesAndChecks()
    {
        string csv = AwkwardCsv(',');

        var parallel = await SplitAsync(csv, ',', parseInParallel: true, "parallel");
        var sequential = await SplitAsync(csv, ',', parseInParallel: false, "sequential");

        Assert.Equal(sequential.Files, parallel.Files);
        Assert.Equal(sequential.Counts, parallel.Counts);
        Assert.Equal(sequential.Duplicates, parallel.Duplicates);
        Assert.True(parallel.Duplicates > 0);
    }

    [Fact]
    public async Task Write_OtherDelimiter_SameFilesAsWithCommas()
    {
        // With ';' the record's bytes cannot be copied as slices, so every field takes the field-by-field path.
        var commas = await SplitAsync(AwkwardCsv(','), ',', parseInParallel: false, "commas");
        var semicolons = await SplitAsync(AwkwardCsv(';'), ';', parseInParallel: false, "semicolons");

        Assert.Equal(commas.Files, semicolons.Files);
    }

    [Fact]
    public async Task Write_PlainNumberIsAMissingToken_WrittenAsMissing()
    {
        // Plain numbers are copied without a parse, but a missing token spelled as one must still be written empty.
        var csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 200; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 10 == 0 ? "-999" : (i % 37).ToString(CultureInfo.InvariantCulture))},{(i % 2 == 0 ? "yes" : "no")}\n");
        }

        var result = await SplitAsync(csv.ToString(), ',', parseInParallel: true, "missing-token", ["", "-999"]);

        string all = string.Concat(result.Files);
        Assert.DoesNotContain("-999", all, StringComparison.Ordinal);
        Assert.Equal(20, all.Split('\n').Count(line => line.StartsWith(',')));
    }

    [Fact]
    public async Task Write_AwkwardFields_NormalisedAsDocumented()
    {
        var result = await SplitAsync(AwkwardCsv(','), ',', parseInParallel: true, "normalised");

        Assert.All(result.Files, f => Assert.StartsWith("x,name,z,label\n", f, StringComparison.Ordinal));
        // Text quoted only when it needs it; the label as its trimmed class name.
        string all = string.Concat(result.Files);
        Assert.Contains(",\"blue, dark\",", all, StringComparison.Ordinal);
        Assert.Contains(",\"say \"\"hi\"\"\",", all, StringComparison.Ordinal);
        Assert.Contains(",plain,", all, StringComparison.Ordinal);
        Assert.Contains(",\"a,b\"\n", all, StringComparison.Ordinal);
        Assert.DoesNotContain(", yes\n", all, StringComparison.Ordinal);
        Assert.DoesNotContain("\"no\"", all, StringComparison.Ordinal);
    }
}
