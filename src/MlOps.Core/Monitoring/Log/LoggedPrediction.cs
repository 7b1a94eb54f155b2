using System.Text.Json;

namespace MlOps.Core.Monitoring.Log;

/// <summary>
/// One line of the prediction log (see <see cref="Serving.PredictionLog"/>): a scored row, the version and alias that
/// answered, the inputs exactly as the caller sent them, and the answer. Fields the log gains later are ignored.
/// </summary>
public sealed record LoggedPrediction
{
    public required string RequestId { get; init; }

    /// <summary>The row's index within its request; late labels name a prediction by request id and row.</summary>
    public int Row { get; init; }

    public required DateTimeOffset At { get; init; }

    public string Model { get; init; } = string.Empty;

    public int Version { get; init; }

    public string Alias { get; init; } = string.Empty;

    public double LatencyMs { get; init; }

    /// <summary>The row object as sent: column name → number, string or null.</summary>
    public required JsonElement Inputs { get; init; }

    public required LoggedOutput Prediction { get; init; }

    /// <summary>The shadow alias's answer for the same row, when one was configured.</summary>
    public LoggedShadow? Shadow { get; init; }
}
