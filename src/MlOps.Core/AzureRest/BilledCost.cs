namespace MlOps.Core.AzureRest;

/// <summary>One row of a daily Cost Management query grouped by resource: what one resource cost on one day.</summary>
/// <param name="Day">The usage date (UTC day).</param>
/// <param name="ResourceId">The resource's ARM id, as Cost Management spells it (often lower case).</param>
/// <param name="Cost">The actual (billed) cost.</param>
/// <param name="Currency">The billing currency.</param>
public sealed record BilledCost(DateOnly Day, string ResourceId, double Cost, string Currency);
