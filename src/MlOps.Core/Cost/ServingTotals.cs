namespace MlOps.Core.Cost;

/// <summary>One model version's serving on this instance in one hour, so far.</summary>
public sealed record ServingTotals(string Model, int Version, DateTimeOffset Hour, ServingCounts Counts, ResourceUsage Usage);
