using MlOps.Core.Data.Inference;

namespace MlOps.Core.Tests.Data.Inference;

public class ColumnKindInferenceTests
{
    private static readonly ColumnKindInference Inference = new();

    [Theory]
    [InlineData(1000, 1000, ColumnKind.Numeric)]
    [InlineData(1000, 990, ColumnKind.Numeric)]
    [InlineData(1000, 989, ColumnKind.Categorical)]
    public void Decide_ShareOfNumbers_NumericFromNinetyNinePercent(long nonMissing, long numbers, ColumnKind expected)
    {
        var evidence = new ColumnEvidence(1000, nonMissing, numbers, 15, false, 4, 0);

        Assert.Equal(expected, Inference.Decide("x", evidence).Kind);
    }

    [Fact]
    public void Decide_LongMultiWordStringsWithManyValues_Text()
    {
        var evidence = new ColumnEvidence(10_000, 10_000, 0, 9_500, false, 64, 0.97);

        ColumnKindDecision decision = Inference.Decide("review", evidence);

        Assert.Equal(ColumnKind.Text, decision.Kind);
        Assert.Contains("multi-word", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LongMultiWordStringsWithFewValues_Categorical()
    {
        var evidence = new ColumnEvidence(10_000, 10_000, 0, 12, false, 64, 1.0);

        Assert.Equal(ColumnKind.Categorical, Inference.Decide("segment", evidence).Kind);
    }

    [Fact]
    public void Decide_ShortStringsWithManyValues_Categorical()
    {
        var evidence = new ColumnEvidence(10_000, 10_000, 0, 100_000, true, 8, 0);

        ColumnKindDecision decision = Inference.Decide("customer_id", evidence);

        Assert.Equal(ColumnKind.Categorical, decision.Kind);
        Assert.Contains("more than 100000", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_EveryValueMissing_Ignore()
    {
        Assert.Equal(ColumnKind.Ignore, Inference.Decide("empty", new ColumnEvidence(10, 0, 0, 0, false, 0, 0)).Kind);
    }

    [Fact]
    public void Decide_SpecOverride_WinsOverEvidence()
    {
        var inference = new ColumnKindInference(overrides: new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical });
        var numbers = new ColumnEvidence(100, 100, 100, 90, false, 5, 0);

        Assert.Equal(new ColumnKindDecision(ColumnKind.Categorical, "set by the pipeline spec"), inference.Decide("zip", numbers));
        Assert.Equal(ColumnKind.Numeric, inference.Decide("other", numbers).Kind);
    }

    [Fact]
    public void Decide_CustomRules_Apply()
    {
        var inference = new ColumnKindInference(new ColumnKindRules { MinNumericShare = 0.9 });

        Assert.Equal(ColumnKind.Numeric, inference.Decide("x", new ColumnEvidence(100, 100, 95, 50, false, 4, 0)).Kind);
    }
}
