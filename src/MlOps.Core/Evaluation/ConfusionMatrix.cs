namespace MlOps.Core.Evaluation;

/// <summary>Counts of true class (rows) against predicted class (columns), in <see cref="Classes"/> order.</summary>
#pragma warning disable CA1819 // A JSON-serialized evidence record; the matrix is data.
public sealed record ConfusionMatrix(IReadOnlyList<string> Classes, int[][] Counts);
#pragma warning restore CA1819
