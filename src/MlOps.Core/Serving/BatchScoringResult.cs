namespace MlOps.Core.Serving;

/// <summary>One scored file: where the output went, which version scored it, how many rows, and what was wrong with any.</summary>
public sealed record BatchScoringResult(string Source, string Output, string Model, int Version, long Rows, long TypeErrors, double Seconds, bool Skipped);
