using System.Text.Json;
using MlOps.Core.Serialization;
using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Specs;

public sealed class ThresholdSpecJsonConverterTests
{
    [Theory]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(0.25, "0.25")]
    public void Write_FixedValueUnderPayloadSettings_RoundTripsLikeAnyDouble(double value, string json)
    {
        string written = JsonSerializer.Serialize(ThresholdSpec.Fixed(value), JsonDefaults.Options);

        Assert.Equal(json, written);
        Assert.Equal(ThresholdSpec.Fixed(value), JsonSerializer.Deserialize<ThresholdSpec>(written, JsonDefaults.Options));
    }

    [Fact]
    public void Write_RuleGivenAValue_WritesTheRuleAndReadsBackEqual()
    {
        var spec = new ThresholdSpec(ThresholdRule.MaxF1, 0.7); // a value only Fixed has

        string written = JsonSerializer.Serialize(spec, JsonDefaults.Options);

        Assert.Equal("\"maxF1\"", written);
        Assert.Equal(spec, JsonSerializer.Deserialize<ThresholdSpec>(written, JsonDefaults.Options));
        Assert.Equal(0.5, spec.Value);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public void Parse_NotFiniteThresholdInASpec_RefusedNamingTheField(string threshold)
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecSerializer.Parse($$"""{ "label": "y", "training": { "threshold": {{threshold}} } }"""));

        Assert.Contains("training.threshold", error.Field, StringComparison.Ordinal);
    }
}
