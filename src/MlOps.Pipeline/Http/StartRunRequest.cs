namespace MlOps.Pipeline.Http;

/// <summary>Body of POST /api/models/{model}/runs: the uploaded blob to train on, "{model}/{file}" in the datasets container.</summary>
public sealed record StartRunRequest(string? Blob);
