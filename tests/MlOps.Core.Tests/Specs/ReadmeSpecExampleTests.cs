using System.Text.RegularExpressions;
using MlOps.Core.Specs;
using MlOps.Testing;

namespace MlOps.Core.Tests.Specs;

/// <summary>The spec users copy from the README must be one the product accepts, with the values it shows.</summary>
public sealed partial class ReadmeSpecExampleTests
{
    [Fact]
    public void Parse_ReadmeExample_IsValidAndKeepsItsSettings()
    {
        string readme = RepositoryFiles.ReadReadme();
        Match example = SpecExample().Match(readme);
        Assert.True(example.Success, "README.md has no ```json block after 'A pipeline spec'.");

        PipelineSpec spec = PipelineSpecSerializer.Parse(example.Groups["json"].Value);

        Assert.Equal(DeploymentMode.Approval, spec.Deployment.Mode);
        Assert.Equal([15.0, 31.0], spec.Training.Trainers[0].Search["numberOfLeaves"]);
        Assert.True(spec.Monitoring.Retrain.Enabled);
        Assert.Equal(TimeSpan.FromDays(1), spec.Monitoring.Retrain.Cooldown);
        Assert.Equal(4, spec.Training.MaxParallel);
        Assert.Equal(0.25, spec.Gates.MaxServingCostIncrease);
        Assert.Equal(0.5, spec.Gates.MinimumGainPerDollar);
        Assert.Equal(0.05, spec.Budget.PerRun);
        Assert.Equal(20, spec.Budget.Monthly);
        Assert.Equal([0.8, 1.0], spec.Budget.AlertAt);
        Assert.True(spec.Budget.Enforce);
        Assert.Equal("auc", spec.Training.SelectionMetric);
        Assert.Equal(ThresholdRule.MaxF1, spec.Training.Threshold!.Rule);
        Assert.Equal(ClassWeighting.Balanced, spec.Training.ClassWeights);
        Assert.Equal(PiiAction.Hash, spec.Pii["email"]);
        Assert.Equal(PiiAction.Drop, spec.Pii["phone"]);
    }

    [GeneratedRegex(@"A pipeline spec[^\n]*\n(?:[^\n]*\n)*?```json\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SpecExample();
}
