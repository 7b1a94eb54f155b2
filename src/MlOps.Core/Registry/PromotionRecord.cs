namespace MlOps.Core.Registry;

/// <summary>One entry of a model's append-only promotion history: who moved which alias from which version to which, when and why.</summary>
public sealed record PromotionRecord
{
    public required string Model { get; init; }

    public required string Alias { get; init; }

    public int? FromVersion { get; init; }

    public int ToVersion { get; init; }

    public DateTimeOffset At { get; init; }

    public string By { get; init; } = "system";

    public string Reason { get; init; } = string.Empty;

    public string? RunId { get; init; }

    /// <summary>The evidence behind the move (the gate decision), as JSON.</summary>
    public string? Evidence { get; init; }

    public PromotionOutcome Outcome { get; init; } = PromotionOutcome.Applied;

    /// <summary>The history entry's key; the alias records the key of the promotion that set it.</summary>
    public string Key { get; init; } = string.Empty;
}
