using System.Text;
using MlOps.Core.Data.Profiling;
using MlOps.Testing;

namespace MlOps.Core.Tests.Data.Profiling;

/// <summary>Profiles test files and inline CSV text.</summary>
internal static class ProfileTestSources
{
    public static CsvDatasetSource File(string relativePath) =>
        new(() => System.IO.File.OpenRead(TestData.PathOf(relativePath)), relativePath);

    public static CsvDatasetSource Text(string csv) => new(() => new MemoryStream(Encoding.UTF8.GetBytes(csv)), "inline.csv");

    public static Task<DatasetProfile> ProfileAsync(IDatasetSource source, DatasetProfilerOptions? options = null) =>
        new DatasetProfiler(options).ProfileAsync(source);

    /// <summary>Options that keep nothing in memory and split quantile buckets early, forcing the multi-pass route.</summary>
    public static DatasetProfilerOptions Streaming(int bucketDistinctCap = 64) =>
        new() { InMemoryValueBudget = 0, QuantileBucketDistinctCap = bucketDistinctCap };
}
