using System.Globalization;
using System.Text.Json;
using MlOps.Core.Monitoring.Statistics;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// How far our drift statistics are from scipy's on the same columns (bench/peers/drift_scipy.py's output): the
/// largest difference of each kind, and the figures that check them against their tolerances.
/// </summary>
internal sealed record DriftScipyAgreement(double KsStatistic, double KsPValue, double Distances, double ChiSquared)
{
    public const double KsTolerance = 1e-9;
    public const double PValueRelativeTolerance = 1e-6;
    public const double DistanceTolerance = 1e-9;

    /// <param name="numeric">Our statistics per numeric column, in the peer's column order.</param>
    /// <param name="categorical">Our statistics per categorical column, in the peer's column order.</param>
    public static DriftScipyAgreement Compare(IReadOnlyList<NumericDriftStatistics> numeric, IReadOnlyList<CategoricalDriftStatistics> categorical, JsonElement peer)
    {
        double ks = 0, ksP = 0, distances = 0, chiSquared = 0;
        int column = 0;
        foreach (JsonElement theirs in peer.GetProperty("numeric").EnumerateArray())
        {
            NumericDriftStatistics mine = numeric[column++];
            ks = Math.Max(ks, Math.Abs(mine.KsStatistic - theirs.GetProperty("ks").GetDouble()));
            ksP = Math.Max(ksP, Relative(mine.KsPValue, theirs.GetProperty("ks_p").GetDouble()));
            distances = Math.Max(distances, Math.Abs(mine.Psi - theirs.GetProperty("psi").GetDouble()));
            distances = Math.Max(distances, Math.Abs(mine.Wasserstein - theirs.GetProperty("wasserstein").GetDouble()));
            distances = Math.Max(distances, Math.Abs(mine.WassersteinNormalized!.Value - theirs.GetProperty("wasserstein_normed").GetDouble()));
            distances = Math.Max(distances, Math.Abs(mine.JensenShannonDistance - theirs.GetProperty("js").GetDouble()));
        }

        column = 0;
        foreach (JsonElement theirs in peer.GetProperty("categorical").EnumerateArray())
        {
            CategoricalDriftStatistics mine = categorical[column++];
            chiSquared = Math.Max(chiSquared, Relative(mine.ChiSquared, theirs.GetProperty("chi2").GetDouble()));
            chiSquared = Math.Max(chiSquared, Relative(mine.ChiSquaredPValue, theirs.GetProperty("chi2_p").GetDouble()));
            distances = Math.Max(distances, Math.Abs(mine.Psi - theirs.GetProperty("psi").GetDouble()));
            distances = Math.Max(distances, Math.Abs(mine.JensenShannonDistance - theirs.GetProperty("js").GetDouble()));
        }

        return new DriftScipyAgreement(ks, ksP, distances, chiSquared);
    }

    public IEnumerable<BenchmarkFigure> Figures() =>
    [
        Check("KS statistic, max abs difference from scipy", KsStatistic, KsTolerance),
        Check("KS p-value (scipy default), max relative difference", KsPValue, PValueRelativeTolerance),
        Check("PSI, Wasserstein (raw and normed), Jensen-Shannon: max abs difference", Distances, DistanceTolerance),
        Check("chi-squared statistic and p-value, max relative difference", ChiSquared, PValueRelativeTolerance),
    ];

    /// <summary>Relative difference; where scipy's value is 0 (an underflowed p-value) our value must be 0 as well.</summary>
    private static double Relative(double ours, double theirs) =>
        theirs == 0 ? (ours == 0 ? 0 : double.PositiveInfinity) : Math.Abs(ours - theirs) / Math.Abs(theirs);

    private static BenchmarkFigure Check(string metric, double difference, double tolerance) =>
        new(metric, difference.ToString("0.0E+0", CultureInfo.InvariantCulture), Target: $"<= {tolerance:0E+0}", MeetsTarget: difference <= tolerance);
}
