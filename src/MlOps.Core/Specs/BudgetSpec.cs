namespace MlOps.Core.Specs;

/// <summary>
/// What the model may cost: per training run (candidates stop starting once the next wave would cross it) and per
/// calendar month (training and serving), with alerts at shares of the monthly limit.
/// </summary>
public sealed record BudgetSpec
{
    /// <summary>Limit of one training run, in <see cref="Currency"/>; no limit when null.</summary>
    public double? PerRun { get; init; }

    /// <summary>Limit of the model's spending in a calendar month (UTC), training and serving together; no limit when null.</summary>
    public double? Monthly { get; init; }

    /// <summary>The currency of the limits; must be the price sheet's.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>Shares of the monthly limit at which an alert is raised, each once a month.</summary>
    public List<double> AlertAt { get; init; } = [0.8, 1.0];

    /// <summary>When the monthly limit is reached, refuse new training runs and monitor retrains (false: only alert).</summary>
    public bool Enforce { get; init; } = true;
}
