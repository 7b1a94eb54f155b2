namespace MlOps.Bench.Benchmarks;

/// <summary>
/// The HTTP half of the serving benchmark: the default host's wrk run, where the machine's CPU went during it (cores
/// used on average by the host process, Azurite, wrk and anything else running), what the log stored per request, the
/// run with 10% of requests logged, the minimal Kestrel endpoint's run (the HTTP stack's limit) with the answer size
/// it copied, and the Python serving stack's run.
/// </summary>
internal sealed record ServingHttpFigures(
    WrkResult Headline,
    (double Host, double Azurite, double Wrk, double Others) Cores,
    double LogBytesPerRequest,
    WrkResult Sampled,
    WrkResult Limit,
    int AnswerBytes,
    WrkResult Python);
