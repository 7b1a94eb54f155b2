using System.Diagnostics;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Telemetry;
using OpenTelemetry.Trace;

namespace MlOps.Pipeline.Tests.Telemetry;

/// <summary>The request sampler's decisions, straight from its parameters (no listener, so no other test's spans).</summary>
public sealed class RequestSamplerTests
{
    [Fact]
    public void ShouldSample_RootRequests_KeepsTheRatioByTraceIdWithTheSampleRate()
    {
        var sampler = new RequestSampler(0.25);
        SamplingResult[] requests = [.. Enumerable.Range(0, 4000).Select(_ => sampler.ShouldSample(Root("GET /api/models/{model}", ActivityKind.Server)))];
        SamplingResult[] predictions = [.. Enumerable.Range(0, 4000).Select(_ => sampler.ShouldSample(Root(MlOpsTracing.PredictSpanName, ActivityKind.Internal)))];

        foreach (SamplingResult[] results in new[] { requests, predictions })
        {
            int kept = results.Count(r => r.Decision == SamplingDecision.RecordAndSample);
            Assert.InRange(kept, 850, 1150); // 1,000 expected; the bound is about five standard deviations
            Assert.All(results.Where(r => r.Decision == SamplingDecision.RecordAndSample),
                r => Assert.Equal(25.0, (double)Assert.Single(r.Attributes, a => a.Key == RequestSampler.SampleRateAttribute).Value));
        }
    }

    [Fact]
    public void ShouldSample_SameTraceId_DecidesAlike()
    {
        var sampler = new RequestSampler(0.5);
        SamplingParameters request = Root("POST /api/models/{model}/predict", ActivityKind.Server);

        Assert.Single(Enumerable.Range(0, 20).Select(_ => sampler.ShouldSample(request).Decision).Distinct());
    }

    [Fact]
    public void ShouldSample_RunsMonitorsAndScoring_AreAlwaysKept()
    {
        var sampler = new RequestSampler(0);

        Assert.All(new[] { "run bc", "monitor bc", "batch scoring" }, name =>
            Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Root(name, ActivityKind.Internal)).Decision));
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Root(MlOpsTracing.PredictSpanName, ActivityKind.Internal)).Decision);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void ShouldSample_WithParent_FollowsTheParentsDecision(bool parentSampled, bool remote)
    {
        var sampler = new RequestSampler(parentSampled ? 0 : 1); // the ratio would decide the other way
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
            parentSampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: remote);

        SamplingResult result = sampler.ShouldSample(new SamplingParameters(parent, parent.TraceId, MlOpsTracing.PredictSpanName, ActivityKind.Server));

        Assert.Equal(parentSampled ? SamplingDecision.RecordAndSample : SamplingDecision.Drop, result.Decision);
    }

    private static SamplingParameters Root(string name, ActivityKind kind) => new(default, ActivityTraceId.CreateRandom(), name, kind);
}
