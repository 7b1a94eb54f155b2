namespace MlOps.Pipeline.Http;

/// <summary>Body of POST /api/models/{model}/runs: the uploaded blob to train on, "{model}/{file}" in the datasets container.</summary>
/// <param name="Blob">The uploaded blob.</param>
/// <param name="Force">
/// Train this blob version again although it already has a run (runs are keyed by content, so re-uploading earlier
/// bytes starts none). The retrain's run id derives from the version's latest run: a repeated request while it runs
/// names the same run.
/// </param>
public sealed record StartRunRequest(string? Blob, bool Force = false);
