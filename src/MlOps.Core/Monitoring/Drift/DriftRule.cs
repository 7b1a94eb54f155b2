using System.Globalization;
using MlOps.Core.Monitoring.Statistics;
using MlOps.Core.Specs;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// The per-column drift policy of a <see cref="DriftSpec"/>: which method judges a column and what its verdict is.
/// </summary>
/// <remarks>
/// The default follows Evidently's: when the reference column has at most SmallSampleRows values, a test with a
/// p-value (KS for numbers, chi-squared for categories); above that a distance (Wasserstein over the reference std
/// for numbers, Jensen-Shannon for categories), because with many rows any tiny, harmless shift becomes
/// "significant". The reference's size decides, not the window's: it is fixed per model version, so the method does
/// not flip between windows as traffic varies, and it is what Evidently looks at. A numeric column with at most five
/// distinct values across both sides is compared as categories, as Evidently does (its z-test for two values equals
/// the 2x2 chi-squared test used here). A spec override applies to every column; a method that a column's kind does
/// not have is replaced by its counterpart of the same family (KS ↔ chi-squared, Wasserstein ↔ Jensen-Shannon).
/// </remarks>
internal sealed class DriftRule
{
    /// <summary>At most this many distinct values (both sides together) make a numeric column compared as categories.</summary>
    public const int CategoricalMaxDistinct = 5;

    /// <summary>Evidently's floor on the reference std when normalising Wasserstein, so a near-constant column stays finite.</summary>
    public const double MinimumSpread = 0.001;

    private readonly DriftSpec _spec;

    public DriftRule(DriftSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Check(spec.SmallSampleRows >= 0, "smallSampleRows must not be negative");
        Check(spec.PValueThreshold is > 0 and < 1, "pValueThreshold must lie strictly between 0 and 1");
        Check(spec.WassersteinThreshold > 0 && spec.JensenShannonThreshold > 0 && spec.PsiThreshold > 0, "distance thresholds must be positive");
        Check(spec.DatasetShare is > 0 and <= 1, "datasetShare must lie in (0, 1]");
        Check(spec.SampleCap > 0, "sampleCap must be positive");
        _spec = spec;
        Override = DriftAnalyzer.ParseMethod(spec.Method);
    }

    public DriftMethod? Override { get; }

    public string Describe() => Override is { } forced
        ? Invariant($"every column: {Criterion(forced)} (method set by the spec; a kind without it uses its counterpart: ks/chiSquared, wasserstein/jensenShannon)")
            + DatasetRule()
        : Invariant($"reference column with <= {_spec.SmallSampleRows:N0} values: ks (numbers) or chiSquared (categories), drift when p < {_spec.PValueThreshold}; ")
            + Invariant($"more values: wasserstein/std > {_spec.WassersteinThreshold} (numbers) or jensenShannon > {_spec.JensenShannonThreshold} (categories); ")
            + Invariant($"numbers with <= {CategoricalMaxDistinct} distinct values are compared as categories")
            + DatasetRule();

    /// <summary>The method for a column of <paramref name="kind"/>, compared as categories or not, with a reference of <paramref name="referenceValues"/>.</summary>
    public DriftMethod Choose(DriftColumnKind kind, bool asCategories, long referenceValues)
    {
        bool counts = kind == DriftColumnKind.Categorical || asCategories;
        if (Override is { } forced)
        {
            return forced switch
            {
                DriftMethod.Ks when kind == DriftColumnKind.Categorical => DriftMethod.ChiSquared,
                DriftMethod.Wasserstein when kind == DriftColumnKind.Categorical => DriftMethod.JensenShannon,
                DriftMethod.ChiSquared when !counts => DriftMethod.Ks,
                _ => forced,
            };
        }

        bool small = referenceValues <= _spec.SmallSampleRows;
        return (small, counts) switch
        {
            (true, true) => DriftMethod.ChiSquared,
            (true, false) => DriftMethod.Ks,
            (false, true) => DriftMethod.JensenShannon,
            _ => DriftMethod.Wasserstein,
        };
    }

    /// <summary>The verdict of <paramref name="method"/> on the computed statistics; category statistics win where both exist.</summary>
    public ColumnDrift Judge(ColumnDrift column, DriftMethod method)
    {
        NumericDriftStatistics? numeric = column.Numeric;
        CategoricalDriftStatistics? categorical = column.Categorical;
        (double statistic, double? pValue) = method switch
        {
            DriftMethod.Ks => (numeric!.KsStatistic, numeric.KsPValue),
            DriftMethod.ChiSquared => (categorical!.ChiSquared, categorical.ChiSquaredPValue),
            DriftMethod.Psi => (categorical?.Psi ?? numeric!.Psi, (double?)null),
            DriftMethod.JensenShannon => (categorical?.JensenShannonDistance ?? numeric!.JensenShannonDistance, null),
            _ => (NormalisedWasserstein(numeric!), null),
        };
        double threshold = ThresholdOf(method);
        bool drifted;
        double score;
        if (pValue is double p)
        {
            drifted = p < threshold;

            // ln p / ln threshold: 0 at p = 1, 1 at the threshold, growing as p shrinks (floored so that 0 stays finite).
            score = Math.Log(Math.Max(p, double.Epsilon)) / Math.Log(threshold);
        }
        else
        {
            drifted = statistic > threshold;
            score = statistic / threshold;
        }

        string why = Override is null
            ? Invariant($"; reference {column.ReferenceValues:N0} values {(column.ReferenceValues <= _spec.SmallSampleRows ? "<=" : ">")} {_spec.SmallSampleRows:N0}")
                + (column.ComparedAsCategories ? Invariant($"; <= {CategoricalMaxDistinct} distinct values, compared as categories") : string.Empty)
            : "; method set by the spec";
        return column with
        {
            Method = method,
            Statistic = statistic,
            PValue = pValue,
            Threshold = threshold,
            Drifted = drifted,
            Score = score,
            Rule = Criterion(method) + why,
        };
    }

    public bool DatasetDrifted(int compared, int drifted) => compared > 0 && drifted >= _spec.DatasetShare * compared;

    /// <summary>Wasserstein over the reference's std, with the std floored at <see cref="MinimumSpread"/>.</summary>
    private static double NormalisedWasserstein(NumericDriftStatistics statistics)
    {
        if (statistics.Wasserstein == 0)
        {
            return 0;
        }

        return statistics.WassersteinNormalized is double normalised && statistics.Wasserstein / normalised >= MinimumSpread
            ? normalised
            : statistics.Wasserstein / MinimumSpread;
    }

    private double ThresholdOf(DriftMethod method) => method switch
    {
        DriftMethod.Ks or DriftMethod.ChiSquared => _spec.PValueThreshold,
        DriftMethod.Psi => _spec.PsiThreshold,
        DriftMethod.JensenShannon => _spec.JensenShannonThreshold,
        _ => _spec.WassersteinThreshold,
    };

    private string Criterion(DriftMethod method) => method switch
    {
        DriftMethod.Ks => Invariant($"ks: drift when p < {_spec.PValueThreshold}"),
        DriftMethod.ChiSquared => Invariant($"chiSquared: drift when p < {_spec.PValueThreshold}"),
        DriftMethod.Psi => Invariant($"psi: drift when > {_spec.PsiThreshold}"),
        DriftMethod.JensenShannon => Invariant($"jensenShannon: drift when > {_spec.JensenShannonThreshold}"),
        _ => Invariant($"wasserstein/std: drift when > {_spec.WassersteinThreshold}"),
    };

    private string DatasetRule() => Invariant($"; the dataset drifts when >= {_spec.DatasetShare:P0} of the compared columns drift");

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid drift spec: {problem}.", "spec");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
