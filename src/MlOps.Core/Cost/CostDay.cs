namespace MlOps.Core.Cost;

/// <summary>One day's cost of one model in one stage.</summary>
public sealed record CostDay(string Day, string Model, string Stage, double Cost);
