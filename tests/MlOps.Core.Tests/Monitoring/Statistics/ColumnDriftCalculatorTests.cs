using System.Text.Json;
using MlOps.Core.Monitoring.Statistics;

namespace MlOps.Core.Tests.Monitoring.Statistics;

public sealed class ColumnDriftCalculatorTests
{
    public static TheoryData<string, string> NumericCases => DriftVectors.CasesAndStatistics(
        "numeric",
        "ks_statistic",
        "ks_pvalue_asymptotic",
        "ks_pvalue_scipy_default",
        "psi_10_quantile_bins",
        "wasserstein",
        "wasserstein_normed_by_reference_std",
        "jensen_shannon_distance_20_equal_width_bins_base2");

    public static TheoryData<string, string> CategoricalCases => DriftVectors.CasesAndStatistics(
        "categorical", "chi2_statistic", "chi2_pvalue", "chi2_dof", "jensen_shannon_distance_base2", "psi");

    public static TheoryData<string> NumericCaseNames => DriftVectors.CaseNames("numeric");

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void ComputeNumeric_ScipyCase_StatisticMatchesGoldenValue(string caseName, string statistic)
    {
        JsonElement vector = DriftVectors.Case("numeric", caseName);
        double expected = vector.GetProperty(statistic).GetDouble();

        NumericDriftStatistics result = ComputeCase(vector);

        switch (statistic)
        {
            case "ks_statistic":
                Assert.Equal(expected, result.KsStatistic, DriftVectors.StatisticTolerance);
                break;
            case "ks_pvalue_asymptotic":
                DriftVectors.AssertRelative(expected, result.KsAsymptoticPValue);
                break;
            case "ks_pvalue_scipy_default":
                DriftVectors.AssertRelative(expected, result.KsPValue);
                break;
            case "psi_10_quantile_bins":
                Assert.Equal(expected, result.Psi, DriftVectors.StatisticTolerance);
                break;
            case "wasserstein":
                Assert.Equal(expected, result.Wasserstein, DriftVectors.StatisticTolerance);
                break;
            case "wasserstein_normed_by_reference_std":
                Assert.Equal(expected, result.WassersteinNormalized!.Value, DriftVectors.StatisticTolerance);
                break;
            case "jensen_shannon_distance_20_equal_width_bins_base2":
                Assert.Equal(expected, result.JensenShannonDistance, DriftVectors.StatisticTolerance);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statistic));
        }
    }

    [Theory]
    [MemberData(nameof(NumericCaseNames))]
    public void ComputeNumeric_SmallScipyCase_UsesExactMethodAndCounts(string caseName)
    {
        JsonElement vector = DriftVectors.Case("numeric", caseName);

        NumericDriftStatistics result = ComputeCase(vector);

        Assert.Equal(KolmogorovSmirnovMethod.Exact, result.KsPValueMethod);
        Assert.Equal(vector.GetProperty("reference").GetArrayLength(), result.ReferenceCount);
        Assert.Equal(vector.GetProperty("current").GetArrayLength(), result.CurrentCount);
    }

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void ComputeCategorical_ScipyCase_StatisticMatchesGoldenValue(string caseName, string statistic)
    {
        JsonElement vector = DriftVectors.Case("categorical", caseName);
        double expected = vector.GetProperty(statistic).GetDouble();

        CategoricalDriftStatistics result = ColumnDriftCalculator.ComputeCategorical(
            vector.Array("reference_counts", v => v.GetInt64()), vector.Array("current_counts", v => v.GetInt64()));

        switch (statistic)
        {
            case "chi2_statistic":
                Assert.Equal(expected, result.ChiSquared, DriftVectors.StatisticTolerance);
                break;
            case "chi2_pvalue":
                DriftVectors.AssertRelative(expected, result.ChiSquaredPValue);
                break;
            case "chi2_dof":
                Assert.Equal((int)expected, result.DegreesOfFreedom);
                break;
            case "jensen_shannon_distance_base2":
                Assert.Equal(expected, result.JensenShannonDistance, DriftVectors.StatisticTolerance);
                break;
            case "psi":
                Assert.Equal(expected, result.Psi, DriftVectors.StatisticTolerance);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statistic));
        }
    }

    /// <summary>
    /// Golden values from bench/peers/drift_golden.py: ks_2samp(arange(n1)/n1, (arange(n2)/n2)**power), one pair of
    /// samples above scipy's exact limit (asymptotic p-value) and one below it with unequal sizes (exact p-value).
    /// </summary>
    [Theory]
    [InlineData(12000, 15000, 1.03, KolmogorovSmirnovMethod.Asymptotic, 0.01093333333333335, 0.4000060831984822, 0.4000060831984822)]
    [InlineData(3000, 7001, 1.1, KolmogorovSmirnovMethod.Exact, 0.03518402133028615, 0.01071671657303863, 0.010775912996729156)]
    public void ComputeNumeric_FormulaSamples_KsMatchesScipy(
        int referenceCount, int currentCount, double power, KolmogorovSmirnovMethod method, double statistic, double pValue, double asymptotic)
    {
        double[] reference = Enumerable.Range(0, referenceCount).Select(i => (double)i / referenceCount).ToArray();
        double[] current = Enumerable.Range(0, currentCount).Select(i => Math.Pow((double)i / currentCount, power)).ToArray();

        NumericDriftStatistics result = ColumnDriftCalculator.ComputeNumeric(reference, current);

        Assert.Equal(method, result.KsPValueMethod);
        Assert.Equal(statistic, result.KsStatistic, 1e-12);
        DriftVectors.AssertRelative(pValue, result.KsPValue);
        DriftVectors.AssertRelative(asymptotic, result.KsAsymptoticPValue);
    }

    [Fact]
    public void ComputeNumeric_IdenticalSamples_ReportNoDrift()
    {
        double[] sample = [3.0, 1.0, 2.0, 2.0, 5.0, 8.0, 13.0];

        NumericDriftStatistics result = ColumnDriftCalculator.ComputeNumeric(sample, sample);

        Assert.Equal(0.0, result.KsStatistic);
        Assert.Equal(1.0, result.KsPValue);
        Assert.Equal(0.0, result.Psi);
        Assert.Equal(0.0, result.Wasserstein);
        Assert.Equal(0.0, result.JensenShannonDistance);
    }

    [Fact]
    public void ComputeNumeric_SwappedSamples_KsStatisticIsSymmetric()
    {
        JsonElement vector = DriftVectors.Case("numeric", "scale_shift");
        double[] reference = vector.Array("reference", v => v.GetDouble());
        double[] current = vector.Array("current", v => v.GetDouble());

        NumericDriftStatistics forward = ColumnDriftCalculator.ComputeNumeric(reference, current);
        NumericDriftStatistics backward = ColumnDriftCalculator.ComputeNumeric(current, reference);

        Assert.Equal(forward.KsStatistic, backward.KsStatistic);
        Assert.Equal(forward.KsPValue, backward.KsPValue);
        Assert.Equal(forward.Wasserstein, backward.Wasserstein, 12);
    }

    [Fact]
    public void ComputeNumeric_ConstantReference_NormalizedWassersteinIsNull()
    {
        NumericDriftStatistics result = ColumnDriftCalculator.ComputeNumeric([4.0, 4.0, 4.0], [4.0, 5.0]);

        Assert.Null(result.WassersteinNormalized);
        Assert.Equal(0.5, result.Wasserstein, 12);
        Assert.Equal(0.0, result.Psi);
    }

    [Fact]
    public void ComputeNumeric_DisjointSamples_KsStatisticIsOne()
    {
        NumericDriftStatistics result = ColumnDriftCalculator.ComputeNumeric([1.0, 2.0, 3.0], [10.0, 11.0]);

        Assert.Equal(1.0, result.KsStatistic);
        Assert.Equal(1.0, result.JensenShannonDistance, 12);
        Assert.Equal(10.5 - 2.0, result.Wasserstein, 12);
    }

    [Fact]
    public void ComputeNumeric_DoesNotReorderTheCallersData()
    {
        double[] reference = [3.0, 1.0, 2.0];

        ColumnDriftCalculator.ComputeNumeric(reference, [1.5]);

        Assert.Equal([3.0, 1.0, 2.0], reference);
    }

    [Fact]
    public void ComputeNumericSorted_PresortedScipyCase_EqualsUnsortedResult()
    {
        JsonElement vector = DriftVectors.Case("numeric", "ties_integers");
        double[] reference = vector.Array("reference", v => v.GetDouble());
        double[] current = vector.Array("current", v => v.GetDouble());

        NumericDriftStatistics unsorted = ColumnDriftCalculator.ComputeNumeric(reference, current);
        System.Array.Sort(reference);
        System.Array.Sort(current);
        NumericDriftStatistics sorted = ColumnDriftCalculator.ComputeNumericSorted(reference, current);

        Assert.Equal(unsorted, sorted);
    }

    [Fact]
    public void ComputeNumericSorted_UnsortedInput_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeNumericSorted([1.0, 3.0, 2.0], [1.0]));

        Assert.Equal("sortedReference", error.ParamName);
        Assert.Contains("index 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeNumericSorted_NaNInTheMiddle_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeNumericSorted([1.0], [1.0, double.NaN, 2.0]));

        Assert.Equal("sortedCurrent", error.ParamName);
        Assert.Contains("not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeNumeric_NaNValue_ThrowsNamingTheIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeNumeric([1.0, 2.0, double.NaN], [1.0]));

        Assert.Equal("reference", error.ParamName);
        Assert.Contains("index 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x7FF8_0000_0000_0001L)]
    [InlineData(unchecked((long)0xFFF8_0000_0000_0000UL))]
    public void ComputeNumeric_NaNOfEitherSignInLargeSample_Throws(long nanBits)
    {
        double[] current = Enumerable.Range(0, 50_000).Select(i => i * 0.5).ToArray();
        current[31_337] = BitConverter.Int64BitsToDouble(nanBits);

        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeNumeric([1.0, 2.0], current));

        Assert.Contains("index 31337", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeNumeric_InfiniteValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeNumeric([1.0], [double.PositiveInfinity, 1.0]));

        Assert.Equal("current", error.ParamName);
    }

    [Fact]
    public void ComputeNumeric_EmptySample_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeNumeric([1.0], []));

        Assert.Equal("current", error.ParamName);
    }

    [Fact]
    public void ComputeNumericColumns_SeveralColumns_EqualsPerColumnResults()
    {
        JsonElement first = DriftVectors.Case("numeric", "mean_shift");
        JsonElement second = DriftVectors.Case("numeric", "small_samples");
        double[][] references = [first.Array("reference", v => v.GetDouble()), second.Array("reference", v => v.GetDouble())];
        double[][] currents = [first.Array("current", v => v.GetDouble()), second.Array("current", v => v.GetDouble())];

        NumericDriftStatistics[] results = ColumnDriftCalculator.ComputeNumericColumns(references, currents);

        Assert.Equal(ColumnDriftCalculator.ComputeNumeric(references[0], currents[0]), results[0]);
        Assert.Equal(ColumnDriftCalculator.ComputeNumeric(references[1], currents[1]), results[1]);
    }

    [Fact]
    public void ComputeNumericColumns_MismatchedColumnCounts_Throws()
    {
        Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeNumericColumns([[1.0]], []));
    }

    [Fact]
    public void ComputeNumericColumns_NaNInSecondColumn_ThrowsArgumentExceptionNamingTheColumn()
    {
        double[][] references = [[1.0, 2.0], [1.0, 2.0]];
        double[][] currents = [[1.0], [double.NaN]];

        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeNumericColumns(references, currents));

        Assert.Equal("currents", error.ParamName);
        Assert.Equal("Column 1: Value NaN at index 0 is not a finite number. (Parameter 'currents')", error.Message);
    }

    [Fact]
    public void ComputeCategorical_OneCategoryOnly_NoDegreesOfFreedomAndPValueOne()
    {
        CategoricalDriftStatistics result = ColumnDriftCalculator.ComputeCategorical([10, 0], [4, 0]);

        Assert.Equal(0, result.DegreesOfFreedom);
        Assert.Equal(0.0, result.ChiSquared);
        Assert.Equal(1.0, result.ChiSquaredPValue);
        Assert.Equal(0.0, result.JensenShannonDistance);
    }

    [Fact]
    public void ComputeCategorical_NegativeCount_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeCategorical([3, -1], [1, 1]));

        Assert.Equal("referenceCounts", error.ParamName);
    }

    [Fact]
    public void ComputeCategorical_NoCurrentObservations_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeCategorical([3, 1], [0, 0]));

        Assert.Equal("currentCounts", error.ParamName);
    }

    [Fact]
    public void ComputeCategorical_MismatchedLengths_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeCategorical([3, 1], [1]));

        Assert.Equal("currentCounts", error.ParamName);
    }

    [Fact]
    public void ComputeCategorical_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => ColumnDriftCalculator.ComputeCategorical([], []));
    }

    [Fact]
    public void NumericDriftStatistics_JsonRoundTrip_WritesMethodAsText()
    {
        NumericDriftStatistics result = ComputeCase(DriftVectors.Case("numeric", "mean_shift"));

        string json = JsonSerializer.Serialize(result);

        Assert.Contains("\"KsPValueMethod\":\"Exact\"", json, StringComparison.Ordinal);
        Assert.Equal(result, JsonSerializer.Deserialize<NumericDriftStatistics>(json));
    }

    [Fact]
    public void CategoricalDriftStatistics_JsonRoundTrip_PreservesValues()
    {
        CategoricalDriftStatistics result = ColumnDriftCalculator.ComputeCategorical([5, 7, 0], [2, 9, 4]);

        Assert.Equal(result, JsonSerializer.Deserialize<CategoricalDriftStatistics>(JsonSerializer.Serialize(result)));
    }

    private static NumericDriftStatistics ComputeCase(JsonElement vector) =>
        ColumnDriftCalculator.ComputeNumeric(vector.Array("reference", v => v.GetDouble()), vector.Array("current", v => v.GetDouble()));
}
