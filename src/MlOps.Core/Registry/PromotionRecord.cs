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

    /// <summary>How the new version's input or output differs from the one the alias pointed at; null when they match.</summary>
    public IReadOnlyList<string>? SchemaChanges { get; init; }

    /// <summary>True when the promotion crossed a schema change because a human acknowledged it (manual promotion or approval).</summary>
    public bool SchemaChangeAcknowledged { get; init; }

    /// <summary>Why an attempt failed (<see cref="PromotionOutcome.Failed"/>).</summary>
    public string? Error { get; init; }

    /// <summary>The history entry's key; the alias records the key of the promotion that set it.</summary>
    public string Key { get; init; } = string.Empty;
}
