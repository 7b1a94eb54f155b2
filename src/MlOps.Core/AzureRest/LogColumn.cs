namespace MlOps.Core.AzureRest;

/// <summary>A column of a Log Analytics table: its name and Kusto type (string, long, real, datetime, dynamic, …).</summary>
public sealed record LogColumn(string Name, string Type);
