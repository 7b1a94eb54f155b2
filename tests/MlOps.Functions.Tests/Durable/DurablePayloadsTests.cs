using Azure.Core.Serialization;
using Grpc.Net.Client;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlOps.Functions.Tests.Hosting;
using MlOps.Host.Runtime;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Durable;

namespace MlOps.Functions.Tests.Durable;

/// <summary>
/// Both hosts read and write orchestration and activity payloads with one JSON contract: every input and output type
/// of every orchestrator and activity (found from the task registry, so new ones are covered) and every contract type
/// goes through the serializers the Functions app and the local host actually configure, each way and across.
/// </summary>
public sealed class DurablePayloadsTests : IDisposable
{
    private static readonly string[] ContractNamespaces = [typeof(TrainingRequest).Namespace!];

    private readonly IHost _functions = FunctionsApp.Build(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://127.0.0.1:1"); // never called: only the options are read
    private readonly ServiceProvider _local;

    public DurablePayloadsTests() => _local = new ServiceCollection().AddLogging().AddMlOpsDurableTask(_channel).BuildServiceProvider();

    public static TheoryData<string> PayloadTypes => new(DiscoverPayloadTypes().Select(t => t.AssemblyQualifiedName!));

    [Theory]
    [MemberData(nameof(PayloadTypes))]
    public void Serialize_FullSample_RoundTripsThroughBothHostsAndAcross(string typeName)
    {
        Type type = Type.GetType(typeName, throwOnError: true)!;
        AssertRoundTrips(type, PayloadSamples.Full(type));
    }

    [Theory]
    [MemberData(nameof(PayloadTypes))]
    public void Serialize_SparseSample_RoundTripsThroughBothHostsAndAcross(string typeName)
    {
        Type type = Type.GetType(typeName, throwOnError: true)!;
        AssertRoundTrips(type, PayloadSamples.Sparse(type));
    }

    [Fact]
    public void PayloadTypes_TaskRegistry_CoversEveryTaskInputAndOutput()
    {
        Type[] types = DiscoverPayloadTypes();
        Assert.Contains(typeof(TrainingRequest), types);
        Assert.Contains(typeof(RunOutcome), types);
        Assert.Contains(typeof(Core.Monitoring.DriftCheck), types);
        Assert.Contains(typeof(Core.Data.IngestOutcome), types);
        Assert.Contains(typeof(ApprovalDecision), types);
        Assert.All(PipelineTaskRegistry.Orchestrators.Concat(PipelineTaskRegistry.Activities), task => Assert.NotNull(TaskTypeArguments(task)));
    }

    [Fact]
    public void FunctionsApp_DurableConverters_AreTheWorkerSerializerOverThePayloadContract()
    {
        ObjectSerializer? serializer = _functions.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer;
        Assert.Same(DurablePayloads.Serializer, serializer);

        // A NaN metric is what the worker's default settings refuse to write.
        var outcome = new RunOutcome { RunId = "r", Model = "m", Metrics = new() { ["auc"] = double.NaN } };
        Assert.Contains("\"auc\":\"NaN\"", FunctionsWorkerConverter.Serialize(outcome), StringComparison.Ordinal);
        Assert.Contains("\"auc\":\"NaN\"", FunctionsClientConverter.Serialize(outcome), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _functions.Dispose();
        _local.Dispose();
        _channel.Dispose();
    }

    private DataConverter FunctionsWorkerConverter => _functions.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;

    private DataConverter FunctionsClientConverter => _functions.Services.GetRequiredService<IOptions<DurableTaskClientOptions>>().Value.DataConverter;

    private DataConverter LocalWorkerConverter => _local.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName).DataConverter;

    private DataConverter LocalClientConverter => _local.GetRequiredService<IOptionsMonitor<DurableTaskClientOptions>>().Get(Options.DefaultName).DataConverter;

    private void AssertRoundTrips(Type type, object sample)
    {
        // Activity outputs leave the Functions worker through its ObjectSerializer; everything else through the converters.
        ObjectSerializer workerSerializer = _functions.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        string functionsOutput = workerSerializer.Serialize(sample, type, default).ToString();
        var writers = new (string Name, string Json)[]
        {
            ("Functions worker converter", FunctionsWorkerConverter.Serialize(sample)!),
            ("Functions client converter", FunctionsClientConverter.Serialize(sample)!),
            ("Functions worker serializer", functionsOutput),
            ("local worker converter", LocalWorkerConverter.Serialize(sample)!),
            ("local client converter", LocalClientConverter.Serialize(sample)!),
        };
        var readers = new (string Name, DataConverter Converter)[]
        {
            ("Functions worker converter", FunctionsWorkerConverter),
            ("Functions client converter", FunctionsClientConverter),
            ("local worker converter", LocalWorkerConverter),
            ("local client converter", LocalClientConverter),
        };

        Assert.All(writers, w => Assert.True(w.Json == writers[0].Json, $"{w.Name} wrote other JSON than {writers[0].Name}:\n{w.Json}\n{writers[0].Json}"));
        foreach ((string writer, string json) in writers.DistinctBy(w => w.Json))
        {
            foreach ((string reader, DataConverter converter) in readers)
            {
                object? read = converter.Deserialize(json, type);
                StructuralEquality.AssertEqual(sample, read, $"{type.Name} written by the {writer}, read by the {reader}");
            }
        }
    }

    /// <summary>The input and output types of every registered task, and every type of the contracts namespace (external events, nested records).</summary>
    private static Type[] DiscoverPayloadTypes() =>
        [.. PipelineTaskRegistry.Orchestrators.Concat(PipelineTaskRegistry.Activities)
            .SelectMany(task => TaskTypeArguments(task) ?? [])
            .Concat(typeof(TrainingRequest).Assembly.GetExportedTypes().Where(t => ContractNamespaces.Contains(t.Namespace) && !t.IsAbstract))
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>TInput and TOutput of a TaskOrchestrator&lt;,&gt; or TaskActivity&lt;,&gt;; null when the type derives from neither.</summary>
    private static Type[]? TaskTypeArguments(Type task)
    {
        for (Type? type = task; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>) || type.GetGenericTypeDefinition() == typeof(TaskActivity<,>)))
            {
                return type.GetGenericArguments();
            }
        }

        return null;
    }
}
