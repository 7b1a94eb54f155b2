using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;
using MlOps.Core.Cost;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// The cost accounting's own work, timed piece by piece in a tight loop: what a unit of work's measuring costs, one
/// ledger write, one sample of the process, one storage request through the metering policy, and the request path's
/// counting. Multiplied by how often a run or a request does each, these bound the accounting's share of a pipeline
/// run and of a request far more tightly than an on/off comparison of whole runs can on a noisy machine.
/// </summary>
internal sealed record AccountingWork(double UnitMicroseconds, double SampleMicroseconds, double LedgerWriteMs, double LedgerWriteCpuMs, double StorageRequestNs, double ServingRequestNs)
{
    private const int Units = 2_000;
    private const int Samples = 2_000;
    private const int LedgerWrites = 100;
    private const int StorageRequests = 20_000;
    private const int StorageBlocks = 7;
    private const int ServingRequestsPerThread = 2_000_000;

    public static async Task<AccountingWork> MeasureAsync(CostLedger ledger, CostLedgerEntry sample, CancellationToken cancellationToken)
    {
        using var meter = new UsageMeter(Options.Create(new CostOptions { Accounting = true }));
        var attribution = new CostAttribution { Id = "bench", Model = sample.Model, Stage = CostStages.Train, Unit = "candidate" };

        // A unit of work: Begin and Complete, as every activity pays.
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < Units; i++)
        {
            meter.Begin(attribution).Complete();
        }

        double unit = Stopwatch.GetElapsedTime(started).TotalMicroseconds / Units;

        // A sample of the process's CPU and working set, as the meter takes four times a second.
        started = Stopwatch.GetTimestamp();
        for (int i = 0; i < Samples; i++)
        {
            meter.TakeIdle();
        }

        double sampleCost = Stopwatch.GetElapsedTime(started).TotalMicroseconds / Samples;

        // One ledger row, written as a unit's is (awaited, to the same Azurite): its wall time and this process's CPU for it.
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        started = Stopwatch.GetTimestamp();
        for (int i = 0; i < LedgerWrites; i++)
        {
            await ledger.RecordAsync(sample with { Id = string.Create(CultureInfo.InvariantCulture, $"bench|{i}") }, cancellationToken);
        }

        double write = Stopwatch.GetElapsedTime(started).TotalMilliseconds / LedgerWrites;
        double writeCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / LedgerWrites;

        return new AccountingWork(unit, sampleCost, write, writeCpu, await StorageRequestNanosecondsAsync(meter, cancellationToken), ServingRequestNanoseconds(meter));
    }

    /// <summary>
    /// One storage request's metering: the same Azure.Core pipeline (a canned answer instead of a network) with and
    /// without the policy, in alternating blocks; the difference of the fastest blocks.
    /// </summary>
    private static async Task<double> StorageRequestNanosecondsAsync(UsageMeter meter, CancellationToken cancellationToken)
    {
        HttpPipeline plain = Pipeline(null);
        HttpPipeline metered = Pipeline(StorageMeteringPolicy.Attributed(StorageService.Table, meter));
        var uri = new Uri("http://127.0.0.1:10002/devstoreaccount1/Runs(PartitionKey='model',RowKey='run')");
        double bestPlain = double.MaxValue, bestMetered = double.MaxValue;
        for (int block = 0; block < StorageBlocks; block++)
        {
            bestPlain = Math.Min(bestPlain, await BlockAsync(plain));
            bestMetered = Math.Min(bestMetered, await BlockAsync(metered));
        }

        return Math.Max(0, bestMetered - bestPlain);

        async Task<double> BlockAsync(HttpPipeline pipeline)
        {
            long started = Stopwatch.GetTimestamp();
            for (int i = 0; i < StorageRequests; i++)
            {
                using HttpMessage message = pipeline.CreateMessage();
                message.Request.Method = RequestMethod.Put;
                message.Request.Uri.Reset(uri);
                message.Request.Content = RequestContent.Create("{\"Status\":\"Running\"}"u8.ToArray());
                await pipeline.SendAsync(message, cancellationToken);
            }

            return Stopwatch.GetElapsedTime(started).TotalNanoseconds / StorageRequests;
        }
    }

    private static HttpPipeline Pipeline(HttpPipelinePolicy? policy)
    {
        var options = new CannedOptions { Transport = new HttpClientTransport(new HttpClient(new CannedAnswer())) };
        options.Retry.MaxRetries = 0;
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        return HttpPipelineBuilder.Build(options);
    }

    /// <summary>The request path's counting (in flight, requests and rows per version and hour) on two threads at once, as two cores serve.</summary>
    private static double ServingRequestNanoseconds(UsageMeter meter)
    {
        var serving = new ServingMeter(meter);
        DateTimeOffset at = DateTimeOffset.UtcNow;
        long started = Stopwatch.GetTimestamp();
        Parallel.For(0, 2, _ =>
        {
            for (int i = 0; i < ServingRequestsPerThread; i++)
            {
                meter.ServingStarted();
                serving.RecordRequest("bc", 1, 1, at);
                meter.ServingEnded();
            }
        });

        // Two threads did 2 × N requests in this wall time on two cores: per request, that is the CPU time of one.
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / ServingRequestsPerThread;
    }

    private sealed class CannedOptions : ClientOptions;

    private sealed class CannedAnswer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent) { Content = new ByteArrayContent([]) });
    }
}
