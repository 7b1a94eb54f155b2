namespace MlOps.Core.Monitoring.Statistics;

/// <summary>How the default two-sample Kolmogorov-Smirnov p-value was computed (scipy's method="auto").</summary>
public enum KolmogorovSmirnovMethod
{
    /// <summary>Exact distribution of the two-sample statistic: used when neither sample exceeds 10,000 values.</summary>
    Exact,

    /// <summary>The one-sample distribution at n = round(n1·n2 / (n1 + n2)), scipy's method="asymp".</summary>
    Asymptotic,
}
