namespace MlOps.Core.AzureRest;

/// <summary>One data point of an Azure Monitor metric: the start of its time grain and the Total aggregation.</summary>
/// <param name="Metric">The metric's name (name.value), e.g. OnDemandFunctionExecutionUnits.</param>
/// <param name="Unit">The unit Azure Monitor states for it.</param>
/// <param name="TimeStamp">The start of the time grain.</param>
/// <param name="Total">The total over the grain; 0 when Azure Monitor left it out (no activity).</param>
public sealed record MetricPoint(string Metric, string Unit, DateTimeOffset TimeStamp, double Total);
