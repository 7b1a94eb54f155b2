using MlOps.Bench;

// Each capability registers its benchmark here; run all, or name some: `-- latency ingest`.
IBenchmark[] all =
[
    new MlOps.Bench.Benchmarks.PipelineBenchmark(),
    new MlOps.Bench.Benchmarks.ScaleBenchmark(),
    new MlOps.Bench.Benchmarks.DriftStatisticsBenchmark(),
    new MlOps.Bench.Benchmarks.IngestBenchmark(),
    new MlOps.Bench.Benchmarks.IngestProgressBenchmark(),
    new MlOps.Bench.Benchmarks.PiiDetectionBenchmark(),
    new MlOps.Bench.Benchmarks.TrainingBenchmark(),
    new MlOps.Bench.Benchmarks.ServingBenchmark(),
    new MlOps.Bench.Benchmarks.ServingStagesBenchmark(),
    new MlOps.Bench.Benchmarks.ServingLimitBenchmark(),
    new MlOps.Bench.Benchmarks.ExplainBenchmark(),
    new MlOps.Bench.Benchmarks.TelemetryBenchmark(),
    new MlOps.Bench.Benchmarks.MonitorBenchmark(),
    new MlOps.Bench.Benchmarks.CostBenchmark(),
    new MlOps.Bench.Benchmarks.GuardsBenchmark(),
    new MlOps.Bench.Benchmarks.DefaultSearchBenchmark(),
];

string root = FindRepositoryRoot();
var context = new BenchmarkContext(Path.Combine(Path.GetTempPath(), "mlops-bench"), root);
var selected = args.Length == 0 ? all : all.Where(b => args.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
if (selected.Length == 0)
{
    Console.Error.WriteLine($"No benchmark named {string.Join(", ", args)}; known: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

Console.WriteLine($"Machine: {ResultsFile.MachineDescription()}");
foreach (IBenchmark benchmark in selected)
{
    Console.WriteLine($"== {benchmark.Name}");
    BenchmarkReport report = await benchmark.RunAsync(context, CancellationToken.None);
    Console.WriteLine(ResultsFile.Render(report));
    ResultsFile.Write(Path.Combine(root, "bench", "RESULTS.md"), benchmark.Name, report);
}

return 0;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "MlOps.Functions.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
}
