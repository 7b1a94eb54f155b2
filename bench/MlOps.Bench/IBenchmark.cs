namespace MlOps.Bench;

/// <summary>One capability's benchmark: measures our figure and, where a peer exists, the peer's in the same run.</summary>
internal interface IBenchmark
{
    /// <summary>Short name used on the command line and as the RESULTS.md section.</summary>
    string Name { get; }

    Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
