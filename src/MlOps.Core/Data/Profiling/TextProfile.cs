namespace MlOps.Core.Data.Profiling;

/// <summary>Free text: lengths in Unicode characters, and the share of values with more than one word.</summary>
public sealed record TextProfile(double MeanLength, long MaxLength, double MultiWordShare);
