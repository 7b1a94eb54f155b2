using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MlOps.Host.Cli;
using MlOps.Testing;

namespace MlOps.Host.Tests;

/// <summary>The README's claims about the CLI and about Azure costs, held to the code and to their own arithmetic.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void Readme_ExitCodeTable_ListsExactlyTheCliExitCodes()
    {
        var expected = new StringBuilder("| code | meaning |\n|---|---|\n");
        foreach ((int code, string meaning) in CliExitCodes.Meanings)
        {
            expected.Append(CultureInfo.InvariantCulture, $"| {code} | {meaning} |\n");
        }

        string readme = RepositoryFiles.ReadReadme().ReplaceLineEndings("\n");
        Assert.True(readme.Contains(expected.ToString(), StringComparison.Ordinal), "README.md's exit code table differs from CliExitCodes; it should read:\n" + expected);
    }

    [Fact]
    public void Readme_MonthlyCost_EachLineIsQuantityTimesPriceAndTheTotalTheirSum()
    {
        string readme = RepositoryFiles.ReadReadme().ReplaceLineEndings("\n");
        string section = readme[readme.IndexOf("### What a month costs", StringComparison.Ordinal)..];
        MatchCollection lines = CostLine().Matches(section);
        Assert.True(lines.Count >= 8, $"found {lines.Count} cost lines");

        double sum = 0;
        foreach (Match line in lines)
        {
            double quantity = Number(line.Groups["quantity"].Value);
            double price = Number(line.Groups["price"].Value);
            double per = line.Groups["per"].Value switch
            {
                "million" => 1e6,
                "10,000" => 1e4,
                "GB-s" or "GB-month" => 1,
                string other => throw new InvalidOperationException($"unknown unit '{other}'"),
            };
            double cost = quantity * price / per;
            Assert.True(Math.Abs(cost - Number(line.Groups["amount"].Value)) <= 0.005, $"{line.Groups["item"].Value}: {quantity} × {price} / {per} = {cost:F4}, the README says {line.Groups["amount"].Value}");
            sum += cost;
        }

        Match total = TotalLine().Match(section);
        Assert.True(total.Success, "no total line");
        Assert.True(Math.Abs(sum - Number(total.Groups["amount"].Value)) <= 0.01, $"the lines add up to {sum:F4}, the README's total is {total.Groups["amount"].Value}");
    }

    [Fact]
    public void Readme_MonthlyCost_UsesTheFlexConsumptionAndBlobListPrices()
    {
        string section = RepositoryFiles.ReadReadme()[RepositoryFiles.ReadReadme().IndexOf("### What a month costs", StringComparison.Ordinal)..];

        // The published on-demand and storage list prices this estimate starts from.
        Assert.Contains("$0.000026 per GB-s", section, StringComparison.Ordinal);
        Assert.Contains("$0.40 per million", section, StringComparison.Ordinal);
        Assert.Contains("$0.0208 per GB-month", section, StringComparison.Ordinal);
        Assert.Contains("2 GB", section, StringComparison.Ordinal);
    }

    private static double Number(string text) => double.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| (?<item>[^|*]+?) \| (?<quantity>[\d,.]+) [^|]* \| \$(?<price>[\d.]+) per (?<per>[^|]+?) \| \$(?<amount>[\d.]+) \|$", RegexOptions.Multiline)]
    private static partial Regex CostLine();

    [GeneratedRegex(@"^\| \*\*total\*\* \| \| \| \*\*\$(?<amount>[\d.]+)\*\* \|$", RegexOptions.Multiline)]
    private static partial Regex TotalLine();
}
