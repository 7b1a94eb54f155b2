namespace MlOps.Pipeline.Starting;

/// <summary>The run a trigger maps to, and whether this call started it (false: it already existed).</summary>
public sealed record RunStartResult(string RunId, bool Started);
