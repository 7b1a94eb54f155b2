namespace MlOps.Bench.Benchmarks;

/// <summary>What one wrk run reported: throughput, latency percentiles (ms), failed requests and requests completed.</summary>
internal sealed record WrkResult(double Rps, double P50, double P99, long Errors, long Requests);
