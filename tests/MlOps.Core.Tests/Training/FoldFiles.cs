namespace MlOps.Core.Tests.Training;

/// <summary>One outer fold as prepared splits: the training part cut into train and validation as ingest would, and the held-out test part.</summary>
public sealed record FoldFiles(string Train, string Validation, string Test);
