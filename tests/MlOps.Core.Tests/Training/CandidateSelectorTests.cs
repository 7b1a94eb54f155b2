using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

public sealed class CandidateSelectorTests
{
    [Fact]
    public void SelectBest_TiedOnTheSelectionMetric_TheLowerLogLossWinsInEitherOrder()
    {
        CandidateResult calibrated = Result("a", ("balancedAccuracy", 0.96), ("logLoss", 0.1));
        CandidateResult overconfident = Result("b", ("balancedAccuracy", 0.96), ("logLoss", 0.6));

        Assert.Same(calibrated, CandidateSelector.SelectBest([overconfident, calibrated], "balancedAccuracy", "logLoss"));
        Assert.Same(calibrated, CandidateSelector.SelectBest([calibrated, overconfident], "balancedAccuracy", "logLoss"));
    }

    [Fact]
    public void SelectBest_DifferenceOfRoundingOnly_CountsAsATie()
    {
        // Means over folds of equal metrics can differ in the last bit.
        CandidateResult first = Result("a", ("accuracy", 0.1 + 0.2), ("logLoss", 0.5));
        CandidateResult second = Result("b", ("accuracy", 0.3), ("logLoss", 0.2));

        Assert.Same(second, CandidateSelector.SelectBest([first, second], "accuracy", "logLoss"));
    }

    [Fact]
    public void SelectBest_BetterOnTheSelectionMetric_WinsWhateverTheTieBreaker()
    {
        CandidateResult accurate = Result("a", ("auc", 0.95), ("logLoss", 0.9));
        CandidateResult calibrated = Result("b", ("auc", 0.94), ("logLoss", 0.1));

        Assert.Same(accurate, CandidateSelector.SelectBest([calibrated, accurate], "auc", "logLoss"));
    }

    [Fact]
    public void SelectBest_EqualOnBoth_TheEarlierCandidate()
    {
        CandidateResult first = Result("a", ("r2", 0.5), ("mae", 3));
        CandidateResult second = Result("b", ("r2", 0.5), ("mae", 3));

        Assert.Same(first, CandidateSelector.SelectBest([first, second], "r2", "mae"));
    }

    [Fact]
    public void SelectBest_LowerIsBetterSelection_FailedAndMissingLeftOut()
    {
        CandidateResult failed = new(new CandidateSpec("x", new Dictionary<string, double>()), [], [], 0, "boom");
        CandidateResult noMetric = Result("n", ("mae", 1));
        CandidateResult worse = Result("w", ("rmse", 4));
        CandidateResult better = Result("b", ("rmse", 3));

        Assert.Same(better, CandidateSelector.SelectBest([failed, noMetric, worse, better], "rmse", "mae"));
        Assert.Null(CandidateSelector.SelectBest([failed, noMetric], "rmse"));
    }

    private static CandidateResult Result(string name, params (string Metric, double Value)[] metrics) =>
        new(new CandidateSpec("LightGbm", new Dictionary<string, double> { [name] = 1 }), metrics.ToDictionary(m => m.Metric, m => m.Value), [], 0, null);
}
