namespace MlOps.Bench.Benchmarks;

/// <summary>
/// The HTTP half of the serving benchmark: the default host's wrk run, where its CPU went (cores used on average by the
/// host process and by Azurite during that run), what the log stored per request, and the run with 10% of requests logged.
/// </summary>
internal sealed record ServingHttpFigures(WrkResult Headline, double HostCores, double AzuriteCores, double LogBytesPerRequest, WrkResult Sampled);
