using MlOps.Core.Monitoring.Statistics;

namespace MlOps.Core.Tests.Monitoring.Statistics;

/// <summary>
/// Golden values from scipy 1.10.1, printed by bench/peers/drift_golden.py: one point per region of the method choice,
/// so that each algorithm (Ruben-Gambino, Durbin matrix, Pomeranz, Pelz-Good, Smirnov sum and its large-n
/// approximation, the exact two-sample path counts) is checked on its own.
/// </summary>
public sealed class KolmogorovSmirnovDistributionTests
{
    [Theory]
    [InlineData(10, 0.04, 1.0)]
    [InlineData(10, 0.08, 0.9999978058034054)]
    [InlineData(1000, 0.0009, 1.0)]
    [InlineData(10, 0.95, 1.9531250000000172e-13)]
    [InlineData(100, 0.6, 5.912822156396238e-35)]
    [InlineData(100, 0.05, 0.9532159710635725)]
    [InlineData(100, 0.15, 0.019839242125643017)]
    [InlineData(100, 0.3, 1.7719869892662917e-08)]
    [InlineData(171, 0.041667, 0.9156759889608055)]
    [InlineData(1000, 0.01, 0.9999496745370611)]
    [InlineData(250000, 0.002, 0.26964259864783624)]
    [InlineData(250000, 0.0035, 0.004364736796746398)]
    [InlineData(2500000, 0.002, 4.116814406377597e-09)]
    [InlineData(5000, 0.03, 0.00024159234422666817)]
    public void Survival_ScipyKstwoPoint_MatchesToRelativeTolerance(int n, double x, double expected)
    {
        DriftVectors.AssertRelative(expected, KolmogorovDistribution.Survival(n, x), 1e-9);
    }

    [Fact]
    public void Survival_FarTail_IsZeroAsScipy()
    {
        Assert.Equal(0.0, KolmogorovDistribution.Survival(250000, 0.04));
    }

    [Theory]
    [InlineData(50, 50, 10, 0.2719135601522248)]
    [InlineData(3000, 3000, 150, 0.0011040947363233362)]
    [InlineData(40, 25, 70, 0.035145784568163675)]
    [InlineData(9999, 10000, 3000000, 0.0002391995719125069)]
    [InlineData(1, 7, 5, 0.75)]
    public void PValues_ExactTwoSamplePoint_MatchesScipy(int n1, int n2, long h, double expected)
    {
        (double pValue, KolmogorovSmirnovMethod method, _) = TwoSampleKolmogorovSmirnov.PValues(n1, n2, h);

        Assert.Equal(KolmogorovSmirnovMethod.Exact, method);
        DriftVectors.AssertRelative(expected, pValue, 1e-12);
    }

    [Fact]
    public void PValues_ZeroStatistic_IsOne()
    {
        Assert.Equal(1.0, TwoSampleKolmogorovSmirnov.PValues(30, 45, 0).PValue);
    }

    [Fact]
    public void PValues_SampleAboveExactLimit_UsesAsymptoticMethod()
    {
        (double pValue, KolmogorovSmirnovMethod method, double asymptotic) = TwoSampleKolmogorovSmirnov.PValues(10001, 50, 10001);

        Assert.Equal(KolmogorovSmirnovMethod.Asymptotic, method);
        Assert.Equal(asymptotic, pValue);
    }

    [Theory]
    [InlineData(0.5, 1, 0.47950012218695337)]
    [InlineData(3.0, 2, 0.22313016014842982)]
    [InlineData(80.80313, 3, 2.064218868000031e-17)]
    [InlineData(103.965369, 2, 2.65587094078869e-23)]
    [InlineData(250.0, 200, 0.009379131668826098)]
    [InlineData(1000.0, 800, 1.6472192644087128e-06)]
    [InlineData(5.0, 30, 0.9999999308468613)]
    public void ChiSquaredSurvival_ScipyPoint_MatchesToRelativeTolerance(double statistic, int degreesOfFreedom, double expected)
    {
        DriftVectors.AssertRelative(expected, GammaFunctions.ChiSquaredSurvival(statistic, degreesOfFreedom), 1e-10);
    }

    [Theory]
    [InlineData(0.5, 0.5723649429247)]
    [InlineData(1.0, 0.0)]
    [InlineData(10.0, 12.801827480081469)]
    [InlineData(1000.5, 5908.674175848678)]
    public void LogGamma_KnownValue_Matches(double x, double expected)
    {
        Assert.Equal(expected, GammaFunctions.LogGamma(x), 1e-10);
    }
}
