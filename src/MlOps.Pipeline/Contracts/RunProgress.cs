using System.Text.Json.Serialization;
using MlOps.Core.Runs;

namespace MlOps.Pipeline.Contracts;

/// <summary>
/// A training run's orchestration custom status: the stage it is in and, while it trains, how the search stands.
/// Custom status is kept with the instance, not in its history, so publishing it after every candidate costs the
/// history nothing. Names are fixed here because each host serializes custom status with its own settings.
/// </summary>
public sealed record RunProgress
{
    [JsonPropertyName("stage")]
    public required string Stage { get; init; }

    [JsonPropertyName("candidates")]
    public CandidateProgress? Candidates { get; init; }

    /// <summary>The registered version a run waits to have approved.</summary>
    [JsonPropertyName("version")]
    public int? Version { get; init; }

    /// <summary>When an approval wait times out (orchestration time, so replays agree).</summary>
    [JsonPropertyName("approvalDeadline")]
    public DateTimeOffset? ApprovalDeadline { get; init; }

    [JsonPropertyName("status")]
    public RunStatus? Status { get; init; }
}
