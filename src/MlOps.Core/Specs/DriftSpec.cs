namespace MlOps.Core.Specs;

/// <summary>
/// How drift is judged per column (Evidently's defaults as the starting point): samples up to SmallSampleRows use
/// tests with p-values (KS for numbers, chi-squared for categories), larger ones use distances with thresholds
/// (Wasserstein normalised by the reference std, Jensen-Shannon); the dataset drifts when at least DatasetShare of
/// its columns drift.
/// </summary>
public sealed record DriftSpec
{
    public int SmallSampleRows { get; init; } = 1_000;

    public double PValueThreshold { get; init; } = 0.05;

    public double WassersteinThreshold { get; init; } = 0.1;

    public double JensenShannonThreshold { get; init; } = 0.1;

    /// <summary>Forces one statistic for every column (ks, chiSquared, wasserstein, jensenShannon, psi); the sample-size policy when empty.</summary>
    public string? Method { get; init; }

    public double PsiThreshold { get; init; } = 0.2;

    public double DatasetShare { get; init; } = 0.5;

    /// <summary>Upper bound on values kept per numeric column of the current window (uniform reservoir); recorded in each report.</summary>
    public int SampleCap { get; init; } = 50_000;
}
