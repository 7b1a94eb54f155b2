using System.Diagnostics;
using System.Globalization;
using MlOps.Core.Telemetry;
using OpenTelemetry.Trace;

namespace MlOps.Pipeline.Telemetry;

/// <summary>
/// Parent-based sampling that thins request traces only. A span with a parent (in this process or carried in from a
/// caller) follows the parent's decision, so a trace is kept or dropped whole. A span that starts a trace is sampled
/// at <see cref="TelemetryOptions.RequestSamplingRatio"/> (by trace id, so every process decides alike) when it is a
/// request: an incoming HTTP request (Server) or a prediction with no request around it; every other trace (a run, a
/// monitor run, a scoring job) is kept. A kept request carries Application Insights' sample rate, so its ItemCount
/// stands for the requests it represents.
/// </summary>
public sealed class RequestSampler : Sampler
{
    /// <summary>The attribute the Azure Monitor exporter turns into the item's sample rate (percent).</summary>
    public const string SampleRateAttribute = "microsoft.sample_rate";

    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private readonly TraceIdRatioBasedSampler _ratio;
    private readonly SamplingResult _keepRequest;

    public RequestSampler(double ratio)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratio, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratio, 1.0);
        Ratio = ratio;
        _ratio = new TraceIdRatioBasedSampler(ratio);
        _keepRequest = ratio >= 1.0 ? Keep : new SamplingResult(SamplingDecision.RecordAndSample, [new KeyValuePair<string, object>(SampleRateAttribute, ratio * 100)]);
        Description = string.Create(CultureInfo.InvariantCulture, $"RequestSampler{{{ratio}}}");
    }

    public double Ratio { get; }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId != default)
        {
            return (samplingParameters.ParentContext.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? Keep : Drop;
        }

        if (samplingParameters.Kind != ActivityKind.Server && samplingParameters.Name != MlOpsTracing.PredictSpanName)
        {
            return Keep;
        }

        return Ratio >= 1.0 ? Keep
            : _ratio.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample ? _keepRequest : Drop;
    }
}
