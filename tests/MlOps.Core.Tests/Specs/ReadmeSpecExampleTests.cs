using System.Text.RegularExpressions;
using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Specs;

/// <summary>The spec users copy from the README must be one the product accepts, with the values it shows.</summary>
public sealed partial class ReadmeSpecExampleTests
{
    [Fact]
    public void Parse_ReadmeExample_IsValidAndKeepsItsSettings()
    {
        string readme = File.ReadAllText(FindReadme());
        Match example = SpecExample().Match(readme);
        Assert.True(example.Success, "README.md has no ```json block after 'A pipeline spec'.");

        PipelineSpec spec = PipelineSpecSerializer.Parse(example.Groups["json"].Value);

        Assert.Equal(DeploymentMode.Approval, spec.Deployment.Mode);
        Assert.Equal([15.0, 31.0], spec.Training.Trainers[0].Search["numberOfLeaves"]);
        Assert.True(spec.Monitoring.Retrain.Enabled);
        Assert.Equal(TimeSpan.FromDays(1), spec.Monitoring.Retrain.Cooldown);
    }

    private static string FindReadme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "MlOps.Functions.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("README.md beside MlOps.Functions.sln was not found above the test binaries.");
    }

    [GeneratedRegex(@"A pipeline spec[^\n]*\n(?:[^\n]*\n)*?```json\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SpecExample();
}
