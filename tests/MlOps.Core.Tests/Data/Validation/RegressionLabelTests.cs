using System.Globalization;
using System.Text;
using MlOps.Core.Data;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Validation;
using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Data.Validation;

/// <summary>
/// A regression label present on every row must never be reported as missing, whatever the rest of the file looks
/// like: a wide, house-prices-like file (many "NA" cells, quoted text with commas and line breaks, CRLF endings,
/// the label last), read in one pass or two, in parallel or not.
/// </summary>
public sealed class RegressionLabelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "regression-label-tests-" + Guid.NewGuid().ToString("N"));

    public RegressionLabelTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteHousingLikeCsv(int rows, string newline, bool labelLast)
    {
        var random = new Random(29);
        string[] text = ["Norm", "\"Feedr, RRAn\"", "\"two\nlines\"", "NA", "\"say \"\"hi\"\"\"", "Gd"];
        var csv = new StringBuilder();
        var header = new List<string>();
        for (int c = 0; c < 80; c++)
        {
            header.Add(c % 3 == 0 ? $"Text{c}" : $"Num{c}");
        }

        if (labelLast)
        {
            header.Add("SalePrice");
        }
        else
        {
            header.Insert(0, "SalePrice");
        }

        csv.Append(string.Join(',', header)).Append(newline);
        for (int i = 0; i < rows; i++)
        {
            var cells = new List<string>();
            for (int c = 0; c < 80; c++)
            {
                cells.Add(c % 3 == 0 ? text[random.Next(text.Length)]
                    : random.Next(10) == 0 ? "NA"
                    : random.Next(4) == 0 ? random.Next(0, 5).ToString(CultureInfo.InvariantCulture)
                    : (random.NextDouble() * 1000).ToString("F1", CultureInfo.InvariantCulture));
            }

            string price = (12_789 + random.Next(742_211)).ToString(CultureInfo.InvariantCulture);
            if (labelLast)
            {
                cells.Add(price);
            }
            else
            {
                cells.Insert(0, price);
            }

            csv.Append(string.Join(',', cells)).Append(newline);
        }

        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Theory]
    [InlineData("\n", true, 1_000)]
    [InlineData("\r\n", true, 1_000)]
    [InlineData("\r\n", false, 1_000)]
    [InlineData("\n", true, long.MaxValue / 4)]
    [InlineData("\r\n", true, long.MaxValue / 4)]
    public async Task PrepareAsync_EveryRowLabelled_NoRowReportedWithoutALabel(string newline, bool labelLast, long valueBudget)
    {
        string path = WriteHousingLikeCsv(2_930, newline, labelLast);
        string work = Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;
        var spec = new PipelineSpec { Task = ModelTask.Regression, Label = "SalePrice" };

        PreparedLocally prepared = await LocalDatasetPreparer.PrepareAsync(path, "housing.csv", spec, new CsvReaderOptions(), work, valueBudget, CancellationToken.None);

        Assert.DoesNotContain(prepared.Report.Findings, f => f.Code == "label-missing-values");
        Assert.Equal(2_930, prepared.Profile!.RowCount);
        Assert.Equal(2_930, prepared.SplitRows.Sum());
    }
}
