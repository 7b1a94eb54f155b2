namespace MlOps.Pipeline.Http;

/// <summary>One late label: the request id (and row, for multi-row requests) a prediction answered, and what turned out true.</summary>
public sealed record FeedbackRow(string? RequestId, int Row, string? Label);
