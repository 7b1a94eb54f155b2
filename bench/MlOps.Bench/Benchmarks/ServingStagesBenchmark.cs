using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Registry;
using MlOps.Core.Serialization;
using MlOps.Core.Serving;
using MlOps.Core.Training;
using MlOps.Host.Runtime;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Where a single-row prediction's CPU goes, stage by stage, in process on one thread (no HTTP, no wrk): parsing the
/// body, packing and scoring the row, the whole <see cref="PredictionService.PredictAsync"/> (model lookup, meters,
/// the log's enqueue), serializing the answer, and the process CPU per request with the log's background writer.
/// </summary>
internal sealed class ServingStagesBenchmark : IBenchmark
{
    private const int Batches = 200;
    private const int BatchCalls = 250;

    public string Name => "serving-stages";

    public async Task<BenchmarkReport> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using LocalRuntime runtime = await ServingBenchmark.StartAsync(sampleRate: null, cancellationToken);
        await ServingBenchmark.TrainSmallModelAsync(runtime, context, cancellationToken);
        byte[][] bodies = [.. ServingBenchmark.Bodies(Demo()).Select(Encoding.UTF8.GetBytes)];
        var service = runtime.Services.GetRequiredService<PredictionService>();
        var cache = runtime.Services.GetRequiredService<ModelCache>();
        LoadedModel loaded = await cache.GetByAliasAsync("bc", ModelRegistry.Production, cancellationToken);
        var figures = new List<BenchmarkFigure>();

        // The machine is shared: the fastest of many short batches is the stage's own cost, the median what it got.
        double Time(string stage, Action<int> action)
        {
            for (int i = 0; i < Batches * BatchCalls / 5; i++)
            {
                action(i % bodies.Length);
            }

            var perCall = new List<double>(Batches);
            for (int batch = 0, i = 0; batch < Batches; batch++)
            {
                long started = Stopwatch.GetTimestamp();
                for (int call = 0; call < BatchCalls; call++, i++)
                {
                    action(i % bodies.Length);
                }

                perCall.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / BatchCalls);
            }

            perCall.Sort();
            figures.Add(new BenchmarkFigure($"{stage} (us per request: fastest batch / median batch)", $"{perCall[0]:F2} / {perCall[Batches / 2]:F2}"));
            context.Progress($"{stage}: {perCall[0]:F2} us fastest, {perCall[Batches / 2]:F2} us median");
            return perCall[0];
        }

        JsonDocument[] documents = [.. bodies.Select(b => JsonDocument.Parse(b))];
        var packer = new RowPacker(loaded.Version.Layout);
        PackedRow[][] packed = [.. documents.Select(d => new[] { packer.Pack(RequestRows.Of(d.RootElement)[0], 0) })];
        PredictionResult sample = await service.PredictAsync("bc", bodies[0], cancellationToken: cancellationToken);
        // Two rounds, the first's figures dropped: under load the JIT's background tier-up lags behind the warm-up calls.
        for (int round = 0; round < 2; round++)
        {
            figures.Clear();
            Time("JsonDocument.Parse of the body", i =>
            {
                using JsonDocument document = JsonDocument.Parse(bodies[i]);
            });
            Time("packing the parsed row (RowPacker.Pack)", i => packer.Pack(RequestRows.Of(documents[i].RootElement)[0], 0));
            Time("scoring the packed row (LoadedModel.Predict)", i => loaded.Predict(packed[i]));
            Time("parse + pack + score (LoadedModel.Predict)", i =>
            {
                using JsonDocument document = JsonDocument.Parse(bodies[i]);
                loaded.Predict(RequestRows.Of(document.RootElement));
            });
            Time("serializing the answer (JsonDefaults)", _ => JsonSerializer.SerializeToUtf8Bytes(sample, JsonDefaults.Options));
            Time("PredictionService.PredictAsync, every request logged", i => service.PredictAsync("bc", bodies[i], cancellationToken: cancellationToken).GetAwaiter().GetResult());
        }

        await runtime.Services.GetRequiredService<PredictionLog>().FlushAsync(cancellationToken);
        return new BenchmarkReport("Serving stages: single-row predict in process, one thread", figures,
            $"{Batches} batches of {BatchCalls} calls per stage after {Batches * BatchCalls / 5:N0} warm-up calls, cycling through the breast cancer dataset's 569 single-row bodies; the fastest batch is the stage's own cost on this machine, the median what it got while the machine was shared. PredictAsync's figure leaves out the log's background serializer and compressor, which run on another thread.");
    }

    private static MlOps.Host.Demo.DemoDataset Demo() => MlOps.Host.Demo.DemoDataset.Load(holdBackEvery: 1);
}
