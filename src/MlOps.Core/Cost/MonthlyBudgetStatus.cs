using System.Globalization;

namespace MlOps.Core.Cost;

/// <summary>A model's spending this calendar month against its budget.monthly.</summary>
public sealed record MonthlyBudgetStatus
{
    /// <summary>No monthly budget applies.</summary>
    public static MonthlyBudgetStatus None { get; } = new();

    /// <summary>yyyy-MM (UTC).</summary>
    public string Month { get; init; } = string.Empty;

    public double? Limit { get; init; }

    public double Spent { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary>Spending reached the limit.</summary>
    public bool Exhausted => Limit is double limit && Spent >= limit;

    /// <summary>Spending reached the limit and budget.enforce is on: new training and retrains are refused.</summary>
    public bool Refuses { get; init; }

    /// <summary>Why work is refused, naming the budget.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"budget.monthly: {Spent:F4} {Currency} spent in {Month} of the {Limit:F4} {Currency} limit");
}
