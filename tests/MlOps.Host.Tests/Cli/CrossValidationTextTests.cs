using System.Text.Json;
using MlOps.Core.Evaluation;
using MlOps.Core.Serialization;
using MlOps.Host.Cli;

namespace MlOps.Host.Tests.Cli;

public sealed class CrossValidationTextTests
{
    [Fact]
    public void Lines_VersionsWithAndWithoutFolds_OneLinePerCrossValidatedVersion()
    {
        var folds = new CrossValidationSummary
        {
            Folds = 5, Rows = 455,
            Metrics = new Dictionary<string, MetricSpread> { ["auc"] = new(0.99123, 0.00412), ["logLoss"] = new(0.1, 0.02) },
        };
        JsonElement model = JsonSerializer.SerializeToElement(new
        {
            model = "bc",
            versions = new object[] { new { version = 2, crossValidation = folds }, new { version = 1 } },
        }, JsonDefaults.Options);

        string line = Assert.Single(CrossValidationText.Lines(model));

        Assert.Equal("v2: 5-fold cross-validation over 455 rows (train and validation splits; the test split is held out): auc 0.9912 ± 0.0041, logLoss 0.1000 ± 0.0200", line);
    }
}
