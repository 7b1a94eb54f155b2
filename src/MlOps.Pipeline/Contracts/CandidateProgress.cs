using System.Text.Json.Serialization;

namespace MlOps.Pipeline.Contracts;

/// <summary>How a run's search stands: candidates finished of those planned, and the best on validation so far.</summary>
public sealed record CandidateProgress
{
    [JsonPropertyName("done")]
    public int Done { get; init; }

    [JsonPropertyName("total")]
    public int Total { get; init; }

    /// <summary>Finished without a model: failed, crashed or skipped at the wall-time limit.</summary>
    [JsonPropertyName("failed")]
    public int Failed { get; init; }

    [JsonPropertyName("metric")]
    public required string Metric { get; init; }

    [JsonPropertyName("bestTrainer")]
    public string? BestTrainer { get; init; }

    [JsonPropertyName("bestId")]
    public string? BestId { get; init; }

    [JsonPropertyName("bestValue")]
    public double? BestValue { get; init; }
}
