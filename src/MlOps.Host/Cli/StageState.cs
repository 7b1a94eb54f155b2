namespace MlOps.Host.Cli;

/// <summary>One stage of a run as the progress view draws it.</summary>
/// <param name="Text">What is happening, in plain text (e.g. "train: 3 of 8 candidates, best LightGbm auc 0.9871").</param>
/// <param name="Fraction">How much of the stage is done, 0 to 1; null while that cannot be measured (evaluate, deploy).</param>
/// <param name="Milestone">Changes only when the stage makes a step worth a line in a log (a phase, a quarter, a candidate).</param>
public sealed record StageState(string Name, StageStatus Status, string Text, double? Fraction, string Milestone);
