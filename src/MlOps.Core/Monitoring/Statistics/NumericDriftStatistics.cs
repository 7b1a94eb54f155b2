using System.Text.Json.Serialization;

namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// How far a numeric column's current sample has moved from its reference sample; each statistic has scipy 1.10's
/// definition (see tests/data/drift_vectors.json).
/// </summary>
/// <param name="ReferenceCount">Values in the reference sample.</param>
/// <param name="CurrentCount">Values in the current sample.</param>
/// <param name="KsStatistic">Two-sample Kolmogorov-Smirnov statistic, sup |F_ref - F_cur|.</param>
/// <param name="KsPValue">scipy's default ks_2samp p-value: exact when neither sample exceeds 10,000 values, else asymptotic.</param>
/// <param name="KsPValueMethod">Which method produced <paramref name="KsPValue"/>.</param>
/// <param name="KsAsymptoticPValue">scipy's ks_2samp(method="asymp") p-value.</param>
/// <param name="Psi">Population stability index over the reference's deciles (outer bins open), proportions floored at 1e-4.</param>
/// <param name="Wasserstein">Earth mover's distance between the two empirical distributions.</param>
/// <param name="WassersteinNormalized">Wasserstein distance over the reference's population standard deviation; null when that is 0.</param>
/// <param name="JensenShannonDistance">Base-2 Jensen-Shannon distance over 20 equal-width bins spanning both samples.</param>
public sealed record NumericDriftStatistics(
    int ReferenceCount,
    int CurrentCount,
    double KsStatistic,
    double KsPValue,
    [property: JsonConverter(typeof(JsonStringEnumConverter<KolmogorovSmirnovMethod>))] KolmogorovSmirnovMethod KsPValueMethod,
    double KsAsymptoticPValue,
    double Psi,
    double Wasserstein,
    double? WassersteinNormalized,
    double JensenShannonDistance);
