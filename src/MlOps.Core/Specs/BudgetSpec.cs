namespace MlOps.Core.Specs;

/// <summary>A monthly cost budget for the model's training and serving, and when to alert.</summary>
public sealed record BudgetSpec
{
    /// <summary>Monthly limit in <see cref="Currency"/>; no budget when 0.</summary>
    public double MonthlyLimit { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary>Shares of the limit at which an alert is raised.</summary>
    public List<double> AlertAt { get; init; } = [0.8, 1.0];
}
