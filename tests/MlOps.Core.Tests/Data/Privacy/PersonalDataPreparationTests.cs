using System.Globalization;
using System.Text;
using MlOps.Core.Data;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Privacy;
using MlOps.Core.Data.Validation;
using MlOps.Core.Specs;
using MlOps.Testing;

namespace MlOps.Core.Tests.Data.Privacy;

/// <summary>
/// The breast cancer data with an e-mail, a phone and a card number column added: personal data fails validation
/// until the spec decides, and a dropped or hashed column never reaches the model's features or the prepared splits.
/// </summary>
public sealed class PersonalDataPreparationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pii-tests-" + Guid.NewGuid().ToString("N"));

    public PersonalDataPreparationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PrepareAsync_PersonalColumnsWithoutDecision_RejectedNamingColumnAndPattern()
    {
        PreparedLocally prepared = await PrepareAsync(new PipelineSpec { Label = "diagnosis" });

        Assert.False(prepared.Report.Passed);
        Assert.Empty(prepared.SplitFiles);
        ValidationFinding email = Assert.Single(prepared.Report.Findings, f => f.Code == "pii-column" && f.Column == "email");
        Assert.Equal(ValidationSeverity.Error, email.Severity);
        Assert.Contains("column 'email' looks like personal data: 100% of the 569 values examined are e-mail addresses", email.Message, StringComparison.Ordinal);
        Assert.Contains("\"pii\": { \"email\": \"drop\" }", email.Message, StringComparison.Ordinal);
        Assert.Contains(prepared.Report.Findings, f => f.Column == "phone" && f.Message.Contains("phone numbers", StringComparison.Ordinal));
        Assert.Contains(prepared.Report.Findings, f => f.Column == "card" && f.Message.Contains("payment card numbers", StringComparison.Ordinal));
        Assert.Equal(["email", "phone", "card"], prepared.Report.PersonalData.Select(p => p.Name));
        Assert.Equal([PiiPattern.Email, PiiPattern.Phone, PiiPattern.CardNumber], prepared.Report.PersonalData.Select(p => p.Pattern));
        Assert.All(prepared.Report.PersonalData, p => Assert.Equal(1.0, p.Share));

        // The ordinary columns are not flagged.
        Assert.DoesNotContain(prepared.Report.PersonalData, p => p.Name is "mean_radius" or "diagnosis");
    }

    [Fact]
    public async Task PrepareAsync_DropAndHash_ColumnsNeitherFeaturesNorInTheSplits()
    {
        var spec = new PipelineSpec
        {
            Label = "diagnosis",
            Pii = new() { ["email"] = PiiAction.Hash, ["phone"] = PiiAction.Drop, ["card"] = PiiAction.Drop },
        };

        PreparedLocally prepared = await PrepareAsync(spec);

        Assert.True(prepared.Report.Passed, prepared.Report.Summary());
        Assert.All(prepared.Report.Findings.Where(f => f.Code == "pii-column"), f => Assert.Equal(ValidationSeverity.Info, f.Severity));
        Assert.DoesNotContain(prepared.Layout!.AllFeatures, f => f is "email" or "phone" or "card");
        Assert.Equal(PiiAction.Hash, prepared.Layout.Pii["email"]);
        Assert.Equal(PiiAction.Drop, prepared.Layout.Pii["phone"]);
        string splits = string.Concat(prepared.SplitFiles.Select(File.ReadAllText));
        Assert.DoesNotContain("@example.", splits, StringComparison.Ordinal);
        Assert.DoesNotContain("+1 555", splits, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", splits, StringComparison.Ordinal);
        Assert.Contains("mean_radius", splits, StringComparison.Ordinal); // the rest is there
        Assert.Equal(569, prepared.SplitFiles.Sum(f => File.ReadLines(f).Count() - 1));
    }

    [Fact]
    public async Task PrepareAsync_Allowed_ColumnKeptInTheSplits()
    {
        var spec = new PipelineSpec
        {
            Label = "diagnosis",
            Pii = new() { ["email"] = PiiAction.Allow, ["phone"] = PiiAction.Drop, ["card"] = PiiAction.Drop },
        };

        PreparedLocally prepared = await PrepareAsync(spec);

        Assert.True(prepared.Report.Passed, prepared.Report.Summary());
        Assert.False(prepared.Layout!.Pii.ContainsKey("email"));
        Assert.Contains("@example.", string.Concat(prepared.SplitFiles.Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LabelDroppedAsPersonalData_RejectedNamingTheField()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecSerializer.Parse("""{ "label": "y", "pii": { "y": "drop" } }"""));
        Assert.Contains("pii.y", error.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<PipelineSpecException>(() => PipelineSpecSerializer.Parse("""{ "label": "y", "pii": { "email": "encrypt" } }"""));
        Assert.Contains("pii.email", unknown.Message, StringComparison.Ordinal);
    }

    private async Task<PreparedLocally> PrepareAsync(PipelineSpec spec)
    {
        string path = Path.Combine(_folder, "data.csv");
        await File.WriteAllTextAsync(path, WithPersonalColumns(await File.ReadAllLinesAsync(TestData.BreastCancerCsv)));
        string work = Path.Combine(_folder, "work-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        return await LocalDatasetPreparer.PrepareAsync(path, "data.csv", spec, new CsvReaderOptions(), work);
    }

    /// <summary>Adds email, phone and a Luhn-valid card number per row.</summary>
    internal static string WithPersonalColumns(string[] lines)
    {
        var csv = new StringBuilder(lines[0]).Append(",email,phone,card\n");
        for (int i = 1; i < lines.Length; i++)
        {
            csv.Append(lines[i]).Append(',').Append(CultureInfo.InvariantCulture, $"patient{i}@example.org,+1 555 010 {i:0000},{CardNumber(i)}").Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A 16-digit number starting 4111 whose last digit makes the Luhn check hold.</summary>
    private static string CardNumber(int seed)
    {
        string body = "4111" + seed.ToString("D11", CultureInfo.InvariantCulture);
        for (int check = 0; check < 10; check++)
        {
            string candidate = body + check.ToString(CultureInfo.InvariantCulture);
            if (PiiPatterns.Luhn([.. candidate.Select(c => (byte)(c - '0'))]))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable: one check digit always fits");
    }
}
