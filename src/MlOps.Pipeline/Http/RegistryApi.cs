using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MlOps.Core.Artifacts;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serialization;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Http;

/// <summary>
/// Registry and deployment handlers shared by both hosts: aliases, promotion, rollback, comparison, history, and
/// the approval of runs that wait for a human.
/// </summary>
public sealed class RegistryApi
{
    private readonly ModelRegistry _registry;
    private readonly RunStore _runs;

    public RegistryApi(ModelRegistry registry, RunStore runs)
    {
        _registry = registry;
        _runs = runs;
    }

    public Task<IResult> ListAliasesAsync(string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, async m => ApiResults.Json(await _registry.ListAliasesAsync(m, cancellationToken).ConfigureAwait(false)));

    public Task<IResult> HistoryAsync(string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, async m => ApiResults.Json(await _registry.HistoryAsync(m, cancellationToken).ConfigureAwait(false)));

    public Task<IResult> PromoteAsync(HttpRequest request, string model, string alias, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryAlias(alias, out string? name, out IResult? problem))
        {
            return problem;
        }

        PromoteRequest? body = await ApiResults.ReadJsonAsync<PromoteRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null || body.Version <= 0)
        {
            return ApiResults.BadRequest($"Send {{\"version\": n, \"reason\": \"...\"}} with an optional \"expectedVersion\" ({VersionNumber.Rule}).");
        }

        int? expected = body.ExpectedVersion ?? (await _registry.GetAliasAsync(m, name, cancellationToken).ConfigureAwait(false))?.Version;
        return await PromotionResultAsync(() => _registry.PromoteAsync(
            m, name, body.Version, expected, Actor(request, body.By), body.Reason ?? "manual promotion", acknowledgeSchemaChange: body.AcknowledgeSchemaChange,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    });

    public Task<IResult> RollbackAsync(HttpRequest request, string model, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        ArgumentNullException.ThrowIfNull(request);
        DecisionRequest? body = await ApiResults.ReadJsonAsync<DecisionRequest>(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return await PromotionResultAsync(() => _registry.RollbackAsync(
                m, ModelRegistry.Production, Actor(request, body?.By), body?.Reason ?? "rollback", body?.AcknowledgeSchemaChange == true, cancellationToken)).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            return ApiResults.Conflict("Nothing to roll back to", ex.Message);
        }
    });

    public Task<IResult> CompareAsync(string model, string? a, string? b, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        if (!RouteValues.TryVersion(a, out int first, out IResult? problem) || !RouteValues.TryVersion(b, out int second, out problem))
        {
            return problem;
        }

        ModelVersionRecord? left = await _registry.GetVersionAsync(m, first, cancellationToken).ConfigureAwait(false);
        ModelVersionRecord? right = await _registry.GetVersionAsync(m, second, cancellationToken).ConfigureAwait(false);
        if (left is null || right is null)
        {
            return ApiResults.NotFound($"Model '{m}' has no version {(left is null ? first : second)}.");
        }

        return ApiResults.Json(new
        {
            model = m,
            a = Describe(left),
            b = Describe(right),
            metricDeltas = left.Metrics.Keys.Intersect(right.Metrics.Keys).ToDictionary(k => k, k => right.Metrics[k] - left.Metrics[k]),
            parameterChanges = left.Parameters.Keys.Union(right.Parameters.Keys)
                .Where(k => left.Parameters.GetValueOrDefault(k, double.NaN) != right.Parameters.GetValueOrDefault(k, double.NaN))
                .ToDictionary(k => k, k => new { a = Value(left.Parameters, k), b = Value(right.Parameters, k) }),
            schemaChanges = MlOps.Core.Training.SchemaComparison.Differences(left.Layout, right.Layout),
            sameData = left.DatasetVersion == right.DatasetVersion,
            sameSpec = left.SpecVersion == right.SpecVersion,
            note = "Metrics are each version's own test split unless both share the data and spec; the gate compares on the same split.",
        });
    });

    public Task<IResult> ApproveAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken) =>
        DecideAsync(request, runId, approved: true, client, cancellationToken);

    public Task<IResult> RejectAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken) =>
        DecideAsync(request, runId, approved: false, client, cancellationToken);

    private Task<IResult> DecideAsync(HttpRequest request, string runId, bool approved, DurableTaskClient client, CancellationToken cancellationToken) =>
        RouteValues.ForRun(runId, id => DecideCoreAsync(request, id, approved, client, cancellationToken));

    private async Task<IResult> DecideCoreAsync(HttpRequest request, string runId, bool approved, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        DecisionRequest? body = await ApiResults.ReadJsonAsync<DecisionRequest>(request, cancellationToken).ConfigureAwait(false);
        RunRecord? run = await _runs.GetAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return ApiResults.NotFound($"No run '{runId}'.");
        }

        if (run.Status != RunStatus.WaitingForApproval)
        {
            return Results.Problem(detail: $"Run '{runId}' is {run.Status}, not waiting for approval.", statusCode: StatusCodes.Status409Conflict, title: "Not waiting for approval");
        }

        if (string.IsNullOrWhiteSpace(body?.Reason))
        {
            return ApiResults.BadRequest("Say why: {\"reason\": \"...\"}.");
        }

        var decision = new ApprovalDecision { Approved = approved, By = Actor(request, body.By), Reason = body.Reason };
        await client.RaiseEventAsync(runId, ApprovalDecision.EventName, decision, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { runId, decision.Approved, decision.By, statusUri = ApiRoutes.RunLocation(runId) }, JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>A promotion's answer: the history entry, or a problem saying why nothing moved (each refusal writes no history entry but a lost race).</summary>
    private static async Task<IResult> PromotionResultAsync(Func<Task<PromotionRecord>> promote)
    {
        try
        {
            return ApiResults.Json(await promote().ConfigureAwait(false));
        }
        catch (KeyNotFoundException ex)
        {
            return ApiResults.NotFound(ex.Message);
        }
        catch (PromotionConflictException ex)
        {
            return ApiResults.Conflict("Alias changed concurrently", ex.Message);
        }
        catch (SchemaChangeException ex)
        {
            return ApiResults.Conflict("Schema change not acknowledged", ex.Message);
        }
        catch (ArtifactIntegrityException ex)
        {
            return ApiResults.Conflict("Version not servable", ex.Message);
        }
    }

    /// <summary>Who is acting: the signed-in principal in Azure (App Service authentication), else what the caller says, else the API key holder.</summary>
    /// <summary>The authenticated principal; a body's "by" only for a shared credential that names nobody.</summary>
    private static string Actor(HttpRequest request, string? claimed) => ApiCaller.Of(request.HttpContext).Actor(claimed);

    private static object Describe(ModelVersionRecord v) => new { v.Version, v.Trainer, v.Parameters, v.Metrics, v.DatasetVersion, v.SpecVersion, v.RunId, v.CreatedAt, v.Sha256 };

    private static string Value(Dictionary<string, double> parameters, string key) =>
        parameters.TryGetValue(key, out double value) ? value.ToString(CultureInfo.InvariantCulture) : "(unset)";
}
