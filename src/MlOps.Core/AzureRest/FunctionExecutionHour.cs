namespace MlOps.Core.AzureRest;

/// <summary>One hour of a Flex Consumption app's metered on-demand execution: what the On Demand meters bill.</summary>
/// <param name="Hour">The start of the hour (UTC).</param>
/// <param name="GbSeconds">OnDemandFunctionExecutionUnits (MB-ms) divided by 1,024,000: the On Demand Execution Time meter.</param>
/// <param name="Executions">OnDemandFunctionExecutionCount: the On Demand Total Executions meter.</param>
public sealed record FunctionExecutionHour(DateTimeOffset Hour, double GbSeconds, double Executions);
