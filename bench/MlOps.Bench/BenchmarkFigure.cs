namespace MlOps.Bench;

/// <summary>One measured figure; Peer and Ratio are empty where no peer exists.</summary>
internal sealed record BenchmarkFigure(string Metric, string Ours, string Peer = "", string Ratio = "", string Target = "", bool? MeetsTarget = null);
