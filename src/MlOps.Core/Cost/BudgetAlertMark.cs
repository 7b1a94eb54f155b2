namespace MlOps.Core.Cost;

/// <summary>That a model's monthly budget alert at one share was raised, and when (so a retry raises the same alert, not a second).</summary>
public sealed record BudgetAlertMark
{
    public required string Model { get; init; }

    public required string Month { get; init; }

    public double Share { get; init; }

    public DateTimeOffset At { get; init; }
}
