namespace MlOps.Bench.Benchmarks;

/// <summary>
/// The HTTP half of the serving benchmark: the default host's wrk run, where the machine's CPU went during it (cores
/// used on average by the host process, Azurite, wrk and anything else running), what the log stored per request, and
/// the run with 10% of requests logged.
/// </summary>
internal sealed record ServingHttpFigures(WrkResult Headline, (double Host, double Azurite, double Wrk, double Others) Cores, double LogBytesPerRequest, WrkResult Sampled);
