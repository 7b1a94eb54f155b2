namespace MlOps.Bench;

/// <summary>What a benchmark measured: a title, a markdown table of figures, and notes (targets, method).</summary>
internal sealed record BenchmarkReport(string Title, IReadOnlyList<BenchmarkFigure> Figures, string Notes);
