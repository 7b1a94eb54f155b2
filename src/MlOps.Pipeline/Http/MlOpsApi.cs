using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MlOps.Core.Artifacts;
using MlOps.Core.Cost;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serialization;
using MlOps.Core.Serving;
using MlOps.Core.Serving.Explanations;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Pipeline.Starting;

namespace MlOps.Pipeline.Http;

/// <summary>
/// The HTTP handlers shared by the Functions app and the local host: each takes the request pieces and returns an
/// <see cref="IResult"/>, so the hosts only map routes.
/// </summary>
public sealed class MlOpsApi
{
    private static readonly JsonTypeInfo<PredictionResult> PredictionResultJson = (JsonTypeInfo<PredictionResult>)JsonDefaults.Options.GetTypeInfo(typeof(PredictionResult));

    private readonly MlOpsStorage _storage;
    private readonly RunStore _runs;
    private readonly CandidateStore _candidates;
    private readonly ModelRegistry _registry;
    private readonly SpecStore _specs;
    private readonly RunStarter _starter;
    private readonly PredictionService _predictions;
    private readonly ILogger<MlOpsApi> _logger;
    private readonly CostReports _costs;
    private readonly CostApi _costApi;

    public MlOpsApi(
        MlOpsStorage storage, RunStore runs, CandidateStore candidates, ModelRegistry registry, SpecStore specs, RunStarter starter, PredictionService predictions,
        CostReports costs, CostApi costApi, ILogger<MlOpsApi> logger)
    {
        _costs = costs;
        _costApi = costApi;
        _candidates = candidates;
        _storage = storage;
        _runs = runs;
        _registry = registry;
        _specs = specs;
        _starter = starter;
        _predictions = predictions;
        _logger = logger;
    }

    public Task<IResult> StartRunAsync(HttpRequest request, string model, DurableTaskClient client, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, m => StartRunCoreAsync(request, m, client, cancellationToken));

    private async Task<IResult> StartRunCoreAsync(HttpRequest request, string model, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        StartRunRequest? body = await ApiResults.ReadJsonAsync<StartRunRequest>(request, cancellationToken).ConfigureAwait(false);
        string blobName = (body?.Blob ?? string.Empty).Trim();
        // Accept "{model}/{file}" or the same with the container in front (its real or its logical name).
        foreach (string container in new[] { _storage.Layout.Datasets + "/", "datasets/" })
        {
            if (blobName.StartsWith(container, StringComparison.Ordinal))
            {
                blobName = blobName[container.Length..];
                break;
            }
        }

        if (!DatasetBlobName.TryParse(blobName, out DatasetBlobName? name, out string error))
        {
            return BadRequest($"'blob': {error}.");
        }

        if (name!.Model != model)
        {
            return BadRequest($"'blob': '{blobName}' is not under the folder of model '{model}'.");
        }

        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        Azure.Storage.Blobs.Models.BlobProperties properties;
        try
        {
            properties = (await _storage.Container(_storage.Layout.Datasets).GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound($"No blob '{blobName}' in the {_storage.Layout.Datasets} container; upload it first.");
        }

        string versionTag = BlobVersionTag.From(properties.ContentHash, properties.ETag.ToString());
        RunStartResult started = await _starter.StartForBlobAsync(client, model, blobName, versionTag, "http", body?.Force == true, cancellationToken).ConfigureAwait(false);
        string location = ApiRoutes.RunLocation(started.RunId);
        var payload = new { runId = started.RunId, started = started.Started, statusUri = location };
        // 202 for a run this call started; 200 when this blob version's run (or, forced, its retrain in progress) already exists.
        int status = started.Started ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
        return new LocatedResult(Results.Json(payload, JsonDefaults.Options, statusCode: status), location);
    }

    public Task<IResult> GetRunAsync(string runId, DurableTaskClient client, CancellationToken cancellationToken) =>
        RouteValues.ForRun(runId, id => GetRunCoreAsync(id, client, cancellationToken));

    private async Task<IResult> GetRunCoreAsync(string runId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        RunRecord? run = await _runs.GetAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return NotFound($"No run '{runId}'.");
        }

        IReadOnlyList<RunStepRecord> steps = await _runs.GetStepsAsync(runId, cancellationToken).ConfigureAwait(false);
        // With inputs and outputs: the gRPC sidecar returns the custom status (the run's progress) only then; both are
        // small, as the orchestration passes references, not data.
        OrchestrationMetadata? instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        (CostSummary cost, _) = await _costs.ForRunAsync(run.Model, runId, cancellationToken).ConfigureAwait(false);
        return Json(new
        {
            run,
            steps,
            cost,
            orchestration = instance is null ? null : new
            {
                runtimeStatus = instance.RuntimeStatus.ToString(),
                createdAt = instance.CreatedAt,
                lastUpdatedAt = instance.LastUpdatedAt,
                customStatus = instance.SerializedCustomStatus is null ? (JsonElement?)null : JsonDocument.Parse(instance.SerializedCustomStatus).RootElement,
            },
        });
    }

    /// <summary>The validation report of a run's data: every finding with its severity, column and numbers.</summary>
    public Task<IResult> GetValidationAsync(string runId, CancellationToken cancellationToken) => RouteValues.ForRun(runId, async id =>
    {
        RunRecord? run = await _runs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (run?.ValidationReport is null)
        {
            return NotFound(run is null ? $"No run '{id}'." : $"Run '{id}' has no validation report (yet).");
        }

        var report = await _storage.Container(_storage.Layout.Reports).GetBlobClient(run.ValidationReport).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return Results.Text(report.Value.Content.ToString(), "application/json");
    });

    /// <summary>The run's search: every candidate with its parameters, validation metrics, duration, error and provenance.</summary>
    public Task<IResult> ListCandidatesAsync(string runId, CancellationToken cancellationToken) => RouteValues.ForRun(runId, async id =>
    {
        IReadOnlyList<CandidateRecord> candidates = await _candidates.ListAsync(id, cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            return Json(candidates);
        }

        (_, IReadOnlyDictionary<int, double> costs) = await _costs.ForRunAsync(RunIds.ModelOf(id), id, cancellationToken).ConfigureAwait(false);
        return Json(candidates.Select(c => c with { Cost = costs.TryGetValue(c.Index, out double cost) ? cost : null }));
    });

    public Task<IResult> ListRunsAsync(string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, async m => Json(await _runs.ListAsync(m, cancellationToken: cancellationToken).ConfigureAwait(false)));

    public async Task<IResult> ListModelsAsync(CancellationToken cancellationToken)
    {
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> models = await _registry.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        var summaries = new List<object>();
        foreach (string model in models)
        {
            AliasRecord? production = await _registry.GetAliasAsync(model, ModelRegistry.Production, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ModelVersionRecord> versions = await _registry.ListVersionsAsync(model, cancellationToken).ConfigureAwait(false);
            summaries.Add(new { model, productionVersion = production?.Version, latestVersion = versions.Count == 0 ? (int?)null : versions.Max(v => v.Version), versions = versions.Count });
        }

        return Json(summaries);
    }

    public Task<IResult> GetModelAsync(string model, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        IReadOnlyList<ModelVersionRecord> versions = await _registry.ListVersionsAsync(m, cancellationToken).ConfigureAwait(false);
        SpecVersionRecord? spec = await _specs.GetLatestAsync(m, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0 && spec is null)
        {
            return NotFound($"No model '{m}'.");
        }

        IReadOnlyList<AliasRecord> aliases = await _registry.ListAliasesAsync(m, cancellationToken).ConfigureAwait(false);
        return Json(new
        {
            model = m,
            aliases = aliases.ToDictionary(a => a.Alias, a => a.Version),
            specVersion = spec?.Version,
            versions = versions.OrderByDescending(v => v.Version).Select(Summary),
        });
    });

    public Task<IResult> ListVersionsAsync(string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, async m => Json((await _registry.ListVersionsAsync(m, cancellationToken).ConfigureAwait(false)).OrderByDescending(v => v.Version).Select(Summary)));

    public Task<IResult> GetVersionAsync(string model, string version, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        if (!RouteValues.TryVersion(version, out int number, out IResult? problem))
        {
            return problem;
        }

        ModelVersionRecord? record = await _registry.GetVersionAsync(m, number, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return NotFound($"Model '{m}' has no version {number}.");
        }

        // The version as registered, with what it cost to train and what it costs to serve (read from the ledger now).
        var json = (System.Text.Json.Nodes.JsonObject)JsonSerializer.SerializeToNode(record, JsonDefaults.Options)!;
        json["cost"] = JsonSerializer.SerializeToNode(await _costApi.VersionCostAsync(record, cancellationToken).ConfigureAwait(false), JsonDefaults.Options);
        return Json(json);
    });

    public Task<IResult> GetSpecAsync(string model, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        SpecVersionRecord? spec = await _specs.GetLatestAsync(m, cancellationToken).ConfigureAwait(false);
        return spec is null ? NotFound($"Model '{m}' has no pipeline spec.") : Json(spec);
    });

    public Task<IResult> PutSpecAsync(HttpRequest request, string model, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            byte[] body = await ReadBodyAsync(request, PipelineSpecSerializer.MaxBytes, cancellationToken).ConfigureAwait(false);
            PipelineSpec spec = PipelineSpecSerializer.Parse(System.Text.Encoding.UTF8.GetString(body));
            await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            SpecVersionRecord saved = await _specs.SaveAsync(m, spec, "http", cancellationToken).ConfigureAwait(false);
            return Json(saved);
        }
        catch (RequestTooLargeException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Pipeline spec too large");
        }
        catch (PipelineSpecException ex)
        {
            return BadRequest(ex.Message);
        }
    });

    public Task<IResult> PredictAsync(HttpRequest request, string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, m => PredictCoreAsync(request, m, cancellationToken));

    private async Task<IResult> PredictCoreAsync(HttpRequest request, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? alias = null;
        int? version = null;
        if (request.Query.TryGetValue("alias", out var aliasValue) && !RouteValues.TryAlias(aliasValue, out alias, out IResult? aliasProblem))
        {
            return aliasProblem;
        }

        if (request.Query.TryGetValue("version", out var versionValue))
        {
            if (!RouteValues.TryVersion(versionValue, out int number, out IResult? versionProblem))
            {
                return versionProblem;
            }

            version = number;
        }

        if (alias is not null && version is not null)
        {
            return BadRequest("Name either ?alias= or ?version=, not both.");
        }

        if (!ExplainQuery.TryRead(request.Query, out int? explainTop, out IResult? explainProblem))
        {
            return explainProblem;
        }

        long limit = _predictions.Options.MaxRequestBytes;
        try
        {
            byte[] body = await ReadBodyAsync(request, limit, cancellationToken).ConfigureAwait(false);
            PredictionResult result = await _predictions.PredictAsync(model, body, alias, version, request.Headers["x-request-id"], explainTop, cancellationToken).ConfigureAwait(false);
            return new BufferedJsonResult<PredictionResult>(result, PredictionResultJson);
        }
        catch (ExplanationUnavailableException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Predictions of this model are not explained");
        }
        catch (RequestTooLargeException ex)
        {
            return Results.Problem(detail: ex.Message + " Use batch scoring (scoring/{model}/...) for more.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (JsonException ex)
        {
            return BadRequest($"The body is not valid JSON: {ex.Message}");
        }
        catch (PredictionInputException ex)
        {
            return BadRequest(ex.Message);
        }
        catch (ModelNotFoundException ex)
        {
            return NotFound(ex.Message);
        }
        catch (ArtifactIntegrityException ex)
        {
            _logger.LogError(ex, "No verified artifact to serve {Model}", model);
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model artifact refused");
        }
        catch (Exception ex) when (ex is RequestFailedException { Status: 0 or >= 500 } or AggregateException { InnerExceptions: [RequestFailedException, ..] })
        {
            // Only a model this instance has not loaded yet reads storage on the request path; a loaded one is served from memory.
            _logger.LogWarning(ex, "Could not load {Model} to serve it: storage did not answer", model);
            return Results.Problem(
                detail: $"Model '{model}' is not loaded on this instance yet and storage did not answer; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable");
        }
    }

    /// <summary>
    /// Reads the body into one array: a declared length over <paramref name="limit"/> is refused before reading, and an
    /// undeclared (chunked) body one byte past it. Either way a <see cref="RequestTooLargeException"/> names the limit.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new RequestTooLargeException($"The body has {request.ContentLength} bytes, over the limit of {limit} bytes.");
        }

        if (request.ContentLength is long declared and <= int.MaxValue)
        {
            // The usual case (the caller checked the length against the limit, Kestrel ends the body there): read
            // straight into the array the prediction log keeps, with no intermediate buffer or copy.
            byte[] body = new byte[declared];
            int read = 0;
            int last;
            while (read < body.Length && (last = await request.Body.ReadAsync(body.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += last;
            }

            return read == body.Length ? body : body[..read];
        }

        using var buffer = request.ContentLength is long length ? new MemoryStream((int)length) : new MemoryStream();
        byte[] chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    throw new RequestTooLargeException($"The body is over the limit of {limit} bytes.");
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private static object Summary(ModelVersionRecord v) =>
        new { v.Version, v.RunId, v.Trainer, v.Metrics, v.Threshold, v.CrossValidation, v.DatasetVersion, v.SpecVersion, v.CreatedAt, v.Sha256 };

    private static IResult Json(object? value) => ApiResults.Json(value);

    private static IResult BadRequest(string detail) => ApiResults.BadRequest(detail);

    private static IResult NotFound(string detail) => ApiResults.NotFound(detail);
}
