using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Cost;
using MlOps.Core.Runs;
using MlOps.Core.Serving;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// What the 200,000-row pipeline run and 1,000 predictions cost by the ledger, and what the cost accounting itself
/// costs: the same pipeline run and the same serving load with Cost:Accounting on and off, measured in turns.
/// </summary>
internal sealed class CostBenchmark : IBenchmark
{
    private const int PipelineRounds = 8;
    private const int ServingRounds = 8;
    private const int ServingTurnSeconds = 10;

    public string Name => "cost";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        context.Progress("starting a shared Azurite");
        await using AzuriteEmulator azurite = await AzuriteEmulator.StartAsync(new AzuriteOptions { BlobPort = 0, InMemory = true }, cancellationToken: cancellationToken);
        var storage = new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString };

        string large = Path.Combine(context.WorkDirectory, "pipeline-200k.csv");
        if (!File.Exists(large))
        {
            context.Progress("generating the 200,000-row dataset");
            PipelineBenchmark.WriteSyntheticBinary(large, rows: 200_000, seed: 7);
        }

        // One untimed run first: the process's first pipeline run pays for JIT compilation (twice the CPU of later runs).
        context.Progress("warming up with one untimed run");
        await PipelineRunAsync(context, storage, large, accounting: true, round: -1, cancellationToken);

        // Pipeline: rounds alternate which setting goes first, so a machine getting busier or quieter weighs on both.
        var walls = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var cpus = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var steps = new Dictionary<bool, Dictionary<string, List<double>>> { [true] = [], [false] = [] };
        var accounted = new List<AccountedRun>();
        for (int round = 0; round < PipelineRounds; round++)
        {
            foreach (bool accounting in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                AccountedRun turn = await PipelineRunAsync(context, storage, large, accounting, round, cancellationToken);
                walls[accounting].Add(turn.Wall);
                cpus[accounting].Add(turn.Cpu);
                foreach (RunStepRecord step in turn.Steps.Where(s => s.DurationMs is not null))
                {
                    (steps[accounting].TryGetValue(step.Name, out List<double>? list) ? list : steps[accounting][step.Name] = []).Add(step.DurationMs!.Value / 1000);
                }

                if (turn.Cost is not null)
                {
                    accounted.Add(turn);
                }
            }
        }

        // Serving: both hosts up at once over the same Azurite, taking turns under the same load, so a burst of other
        // work or the JIT's tier-up falls on both alike; the ratio of each pair of turns is what compares.
        var rps = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var cpuPerRequestOff = new List<double>();
        await using LocalRuntime servingOn = await ServingHostAsync(context, storage, accounting: true, cancellationToken);
        await using LocalRuntime servingOff = await ServingHostAsync(context, storage, accounting: false, cancellationToken);
        string script = ServingBenchmark.WriteScript(context);
        context.Progress("serving warm-up: each host until its throughput settles");
        await ServingBenchmark.WarmUpAsync(servingOn.ApiBaseUrl, script, cancellationToken);
        await ServingBenchmark.WarmUpAsync(servingOff.ApiBaseUrl, script, cancellationToken);
        for (int round = 0; round < ServingRounds; round++)
        {
            foreach (bool accounting in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
                WrkResult turn = await ServingBenchmark.WrkAsync((accounting ? servingOn : servingOff).ApiBaseUrl, script, ServingTurnSeconds, cancellationToken);
                rps[accounting].Add(turn.Rps);
                if (!accounting)
                {
                    cpuPerRequestOff.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalNanoseconds / turn.Requests);
                }
            }

            context.Progress(string.Create(CultureInfo.InvariantCulture,
                $"serving round {round + 1}: accounting on {rps[true][^1]:F0}/s, off {rps[false][^1]:F0}/s, ratio {rps[true][^1] / rps[false][^1]:F3}"));
        }

        await servingOn.Services.GetRequiredService<PredictionLog>().FlushAsync(cancellationToken);
        await servingOn.Services.GetRequiredService<CostRecorder>().FlushAsync(cancellationToken);
        ServingTraffic traffic = await servingOn.Services.GetRequiredService<CostReports>().ServingAsync("bc", cancellationToken: cancellationToken);
        (double? per1000, long predictions) = (traffic.CostPer1000, traffic.Predictions);
        context.Progress("timing the accounting's own work piece by piece");
        AccountedRun typical = accounted.OrderBy(a => a.Wall).ElementAt(accounted.Count / 2);
        AccountingWork work = await AccountingWork.MeasureAsync(servingOn.Services.GetRequiredService<CostLedger>(), typical.CandidateRow!, cancellationToken);
        double samples = typical.Wall * 4;
        double ownCpuMs = (typical.Units * ((work.UnitMicroseconds / 1000) + work.LedgerWriteCpuMs)) + (samples * work.SampleMicroseconds / 1000)
            + (typical.StorageRequests * work.StorageRequestNs / 1e6);
        double ownWallMs = typical.Units * (work.LedgerWriteMs + (work.UnitMicroseconds / 1000)); // as if no unit ran beside another
        double requestNs = Median(cpuPerRequestOff);
        double pairedServing = Median([.. rps[true].Zip(rps[false], (on, off) => on / off)]);
        double pairedWall = Median([.. walls[true].Zip(walls[false], (on, off) => on / off)]);

        double wallOn = Median(walls[true]), wallOff = Median(walls[false]);
        double cpuOn = Median(cpus[true]), cpuOff = Median(cpus[false]);
        double rpsOn = Median(rps[true]), rpsOff = Median(rps[false]);
        CostSummary run = accounted.Select(a => a.Cost!).OrderBy(c => c.Total).ElementAt(accounted.Count / 2);
        PriceSheet sheet = PriceSheetDefaults.ListPrices;
        string stages = string.Join(", ", run.ByStage.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:G3}")));
        return new BenchmarkReport(
            "Cost: a 200,000-row run and 1,000 predictions by the ledger, and the accounting's own overhead (local host)",
            [
                new("200,000-row pipeline run, cost by the ledger (USD, median of the runs with accounting on)", run.Total.ToString("G4", CultureInfo.InvariantCulture)),
                new("1,000 predictions at the serving benchmark's load (USD)", per1000?.ToString("G4", CultureInfo.InvariantCulture) ?? "-"),
                new("200,000-row run: the accounting's own work on its critical path (ms; at most, as if its units ran one after another) / the run's wall time (ms, accounting off)",
                    F(ownWallMs, "F0"), F(wallOff * 1000, "F0"), F(1 + (ownWallMs / (wallOff * 1000)), "F4"), "<= 1.02", 1 + (ownWallMs / (wallOff * 1000)) <= 1.02),
                new("200,000-row run: the accounting's own CPU time (ms) / the host's CPU time for the run (ms, accounting off)",
                    F(ownCpuMs, "F0"), F(cpuOff * 1000, "F0"), F(1 + (ownCpuMs / (cpuOff * 1000)), "F4"), "<= 1.02", 1 + (ownCpuMs / (cpuOff * 1000)) <= 1.02),
                new("single-row request: the accounting's counting (ns, two threads at once) / the host's CPU time per request (ns, accounting off); requests/s ratio",
                    F(work.ServingRequestNs, "F0"), F(requestNs, "F0"), F(1 / (1 + (work.ServingRequestNs / requestNs)), "F4"), ">= 0.98", 1 / (1 + (work.ServingRequestNs / requestNs)) >= 0.98),
                new($"200,000-row run wall time (s), accounting on / off, median of {PipelineRounds} each (side by side; noise ±10 % per run)", F(wallOn), F(wallOff), F(wallOn / wallOff, "F3")),
                new($"200,000-row run wall time, median of the {PipelineRounds} rounds' on / off ratios", "", "", F(pairedWall, "F3")),
                new($"200,000-row run: the host process's CPU time (s), accounting on / off, median of {PipelineRounds} each", F(cpuOn), F(cpuOff), F(cpuOn / cpuOff, "F3")),
                new($"single-row requests/s (64 connections), accounting on / off, median of {ServingRounds} turns of {ServingTurnSeconds} s each (side by side)", F(rpsOn, "F0"), F(rpsOff, "F0"), F(rpsOn / rpsOff, "F3")),
                new($"single-row requests/s, median of the {ServingRounds} rounds' on / off ratios", "", "", F(pairedServing, "F3")),
            ],
            $"""
            Prices: price sheet {sheet.Version} (list prices of {PriceSheetDefaults.AsOf:yyyy-MM-dd}, East US): Flex Consumption on demand with
            {sheet.InstanceMemoryMb} MB instances at {Price(sheet.FlexExecutionTime)} USD per GB-s (at least 1 s, then 100 ms steps) and
            {Price(sheet.FlexExecutions)} USD per million executions; blob hot LRS writes and lists {Price(sheet.BlobWrite)}, reads and other
            {Price(sheet.BlobRead)} USD per 10,000; queue {Price(sheet.QueueOperations)} and table {Price(sheet.TableOperations)} USD per 10,000 operations.
            The run's cost is mostly memory-time, measured as the time its units kept the instance busy: on a loaded machine the
            same run takes longer and so costs more, as it would on a slower instance.
            The run (the pipeline benchmark's synthetic 200,000 rows, default search): {stages}; its storage requests are the ones the
            run's own code made. Serving: the serving benchmark's wrk load (2 threads, 64 connections, single-row requests, every
            request logged), {ServingRounds} turns of {ServingTurnSeconds} s after a warm-up, over {predictions:N0} predictions; per 1,000 predictions the
            executions (one per request) dominate, then the prediction log's appends, then memory-time.
            Overhead: each pipeline figure is a fresh local host (one shared Azurite, in memory) with Cost:Accounting on or off, the two
            settings measured in turns ({PipelineRounds} rounds, alternating which goes first). Pipeline walls on: {Join(walls[true])} s;
            off: {Join(walls[false])} s; host CPU on: {Join(cpus[true])} s; off: {Join(cpus[false])} s (CPU time is less sensitive than wall
            time to other processes' load). Mean step durations, on / off (s): {StepMeans(steps)}. Serving: one host with accounting on and one
            with it off, both up for the whole measurement, taking turns ({ServingRounds} rounds, alternating which goes first); requests/s on:
            {Join(rps[true], "F0")}; off: {Join(rps[false], "F0")}. 1-minute load average at the end: {MachineLoad.OneMinute()}; single figures vary by
            several percent on this machine.
            Why the targets are checked on the accounting's own work: on this shared 2-core machine the same 14 s run varies by a
            second or more from one turn to the next and a serving turn by 15-20 %, so side-by-side medians of a few turns cannot
            resolve a 2 % difference either way (they are shown above). The accounting's work was therefore timed piece by piece in
            the same process and multiplied by how often the run did each: per unit of work (each activity), {F(work.UnitMicroseconds)} µs to
            begin and end its measurement and one awaited ledger row ({F(work.LedgerWriteMs)} ms of wall time, {F(work.LedgerWriteCpuMs)} ms of this process's CPU; Azurite's own CPU for it is not counted);
            per sample of the process (four a second) {F(work.SampleMicroseconds)} µs; per storage request through the metering policy
            {F(work.StorageRequestNs, "F0")} ns (the same Azure.Core pipeline with and without it). The median run had {typical.Units} units,
            {typical.StorageRequests:N0} metered storage requests (its own, the API's and the task hub's) and {samples:F0} samples. A request
            on the serving path adds two interlocked counts of requests in flight and a count of requests and rows for its version and
            hour: {F(work.ServingRequestNs, "F0")} ns with two threads counting at once, against {F(requestNs, "F0")} ns of this process's CPU per request
            measured in the serving turns with accounting off. Not in these figures: work a fresh host does once when it starts
            (loading the price sheet, starting the flush timer), which every pipeline turn above pays because each starts a new host.
            """);
    }

    private static async Task<AccountedRun> PipelineRunAsync(
        BenchmarkContext context, Dictionary<string, string?> storage, string data, bool accounting, int round, CancellationToken cancellationToken)
    {
        string prefix = string.Create(CultureInfo.InvariantCulture, $"cp{(round < 0 ? "warm" : round)}{(accounting ? "on" : "off")}");
        await using LocalRuntime runtime = await ServingBenchmark.StartAsync(null, cancellationToken, Settings(storage, prefix, accounting));
        var blobs = runtime.Services.GetRequiredService<MlOpsStorage>();
        await blobs.EnsureCreatedAsync(cancellationToken);
        var datasets = blobs.Container(blobs.Layout.Datasets);
        await datasets.GetBlobClient("large/pipeline.json").UploadAsync(BinaryData.FromString(PipelineBenchmark.Spec), cancellationToken);
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        await datasets.GetBlobClient("large/data.csv").UploadAsync(data, cancellationToken);
        var runs = runtime.Services.GetRequiredService<RunStore>();
        RunRecord run = await PipelineBenchmark.WaitForRunAsync(runs, "large", cancellationToken);
        double cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        OrchestrationMetadata instance = (await runtime.Client.GetInstanceAsync(run.RunId, cancellationToken))!;
        double wall = (instance.LastUpdatedAt - instance.CreatedAt).TotalSeconds;
        IReadOnlyList<RunStepRecord> steps = await runs.GetStepsAsync(run.RunId, cancellationToken);
        context.Progress(string.Create(CultureInfo.InvariantCulture,
            $"200,000 rows, accounting {(accounting ? "on" : "off")}: {run.Status} in {wall:F2} s, {cpu:F2} s of CPU; {string.Join(", ", steps.Select(s => $"{s.Name} {s.DurationMs / 1000:F2}"))}"));
        if (!accounting)
        {
            return new AccountedRun(wall, cpu, steps, null, 0, 0, null);
        }

        // Everything this host metered (its own prefix's ledger): the run's units, the API's and watchers' reads, the task hub's traffic.
        await runtime.Services.GetRequiredService<CostRecorder>().FlushAsync(cancellationToken);
        var ledger = runtime.Services.GetRequiredService<CostLedger>();
        long requests = 0;
        await foreach (CostLedgerEntry entry in ledger.ListAllAsync(cancellationToken: cancellationToken))
        {
            requests += entry.Usage.Storage.Sum(s => s.Count);
        }

        IReadOnlyList<CostLedgerEntry> units = await ledger.ForOwnerAsync("large", run.RunId, cancellationToken);
        CostSummary cost = CostSummary.Of(units, runtime.Services.GetRequiredService<PriceSheetProvider>().Current.Currency); // the run's rows, read once
        return new AccountedRun(wall, cpu, steps, cost, units.Count, requests, units.FirstOrDefault(u => u.CandidateIndex is not null));
    }

    private static async Task<LocalRuntime> ServingHostAsync(
        BenchmarkContext context, Dictionary<string, string?> storage, bool accounting, CancellationToken cancellationToken)
    {
        string prefix = accounting ? "cson" : "csoff";
        LocalRuntime runtime = await ServingBenchmark.StartAsync(null, cancellationToken, Settings(storage, prefix, accounting));
        await ServingBenchmark.TrainSmallModelAsync(runtime, context, cancellationToken);
        return runtime;
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> storage, string prefix, bool accounting) => new(storage)
    {
        ["Storage:Prefix"] = prefix,
        ["Host:TaskHub"] = "hub" + prefix,
        ["Cost:Accounting"] = accounting ? "true" : "false",
    };

    /// <summary>The middle value; the mean of the middle two for an even count; NaN for none.</summary>
    internal static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string StepMeans(Dictionary<bool, Dictionary<string, List<double>>> steps) => string.Join("; ", steps[true].Keys.Select(name =>
        $"{name} {F(steps[true][name].Average())} / {(steps[false].TryGetValue(name, out List<double>? off) ? F(off.Average()) : "-")}"));


    private static string Price(ListPrice price) => price.Amount.ToString("0.########", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<double> values, string format = "F2") => string.Join(", ", values.Select(v => F(v, format)));

    private static string F(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}
