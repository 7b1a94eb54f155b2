namespace MlOps.Core.Monitoring;

/// <summary>Whether a monitor may retrain now and, if so, the training data it prepared and the run id that data maps to.</summary>
public sealed record RetrainClaim(bool Claimed, string Reason, string? BlobName = null, string? VersionTag = null, string? RunId = null, long FeedbackRows = 0);
