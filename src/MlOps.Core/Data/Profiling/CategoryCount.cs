namespace MlOps.Core.Data.Profiling;

public sealed record CategoryCount(string Value, long Count);
