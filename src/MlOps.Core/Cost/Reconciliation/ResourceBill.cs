namespace MlOps.Core.Cost.Reconciliation;

/// <summary>What Azure billed one resource on the day, and what the monitor did with it.</summary>
/// <param name="ResourceId">The resource's id as Cost Management spells it.</param>
/// <param name="Billed">The billed cost.</param>
/// <param name="Role">compute (the function app), storage (its account), or other (shared: logs, telemetry, events; not apportioned to models).</param>
public sealed record ResourceBill(string ResourceId, double Billed, string Role);
