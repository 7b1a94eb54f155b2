using System.Globalization;
using System.Text.Json.Serialization;

namespace MlOps.Core.Specs;

/// <summary>
/// Where a binary classifier draws the line: a row is predicted positive when its positive-class probability is at
/// least the threshold. In JSON a number (a fixed probability), "maxF1" or "balanced" (chosen on the validation rows).
/// </summary>
[JsonConverter(typeof(ThresholdSpecJsonConverter))]
public sealed record ThresholdSpec
{
    public const string MaxF1Name = "maxF1";
    public const string BalancedName = "balanced";

    private const double DefaultProbability = 0.5;

    /// <param name="rule">How the threshold is drawn.</param>
    /// <param name="value">The probability; kept only for <see cref="ThresholdRule.Fixed"/>, since the other rules
    /// choose theirs on the validation rows and a stored value would not survive the spec's JSON form.</param>
    public ThresholdSpec(ThresholdRule rule, double value = DefaultProbability)
    {
        Rule = rule;
        Value = rule == ThresholdRule.Fixed ? value : DefaultProbability;
    }

    /// <summary>0.5, the threshold when the spec sets none.</summary>
    public static ThresholdSpec Default { get; } = Fixed(DefaultProbability);

    public ThresholdRule Rule { get; }

    /// <summary>The probability, for <see cref="ThresholdRule.Fixed"/>.</summary>
    public double Value { get; }

    public static ThresholdSpec Fixed(double value) => new(ThresholdRule.Fixed, value);

    /// <summary>As in the spec: the number, "maxF1" or "balanced".</summary>
    public override string ToString() => Rule switch
    {
        ThresholdRule.MaxF1 => MaxF1Name,
        ThresholdRule.Balanced => BalancedName,
        _ => Value.ToString("R", CultureInfo.InvariantCulture),
    };
}
