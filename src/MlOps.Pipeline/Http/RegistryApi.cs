using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
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

    public async Task<IResult> ListAliasesAsync(string model, CancellationToken cancellationToken) =>
        ApiResults.Json(await _registry.ListAliasesAsync(model, cancellationToken).ConfigureAwait(false));

    public async Task<IResult> HistoryAsync(string model, CancellationToken cancellationToken) =>
        ApiResults.Json(await _registry.HistoryAsync(model, cancellationToken).ConfigureAwait(false));

    public async Task<IResult> PromoteAsync(HttpRequest request, string model, string alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PromoteRequest? body = await ApiResults.ReadJsonAsync<PromoteRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null || body.Version <= 0)
        {
            return ApiResults.BadRequest("Send {\"version\": n, \"reason\": \"...\"} with an optional \"expectedVersion\".");
        }

        int? expected = body.ExpectedVersion ?? (await _registry.GetAliasAsync(model, alias, cancellationToken).ConfigureAwait(false))?.Version;
        try
        {
            PromotionRecord promotion = await _registry.PromoteAsync(
                model, alias, body.Version, expected, Actor(request, body.By), body.Reason ?? "manual promotion", cancellationToken: cancellationToken).ConfigureAwait(false);
            return ApiResults.Json(promotion);
        }
        catch (KeyNotFoundException ex)
        {
            return ApiResults.NotFound(ex.Message);
        }
        catch (PromotionConflictException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Alias changed concurrently");
        }
    }

    public async Task<IResult> RollbackAsync(HttpRequest request, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        DecisionRequest? body = await ApiResults.ReadJsonAsync<DecisionRequest>(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return ApiResults.Json(await _registry.RollbackAsync(model, ModelRegistry.Production, Actor(request, body?.By), body?.Reason ?? "rollback", cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Nothing to roll back to");
        }
        catch (PromotionConflictException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Alias changed concurrently");
        }
    }

    public async Task<IResult> CompareAsync(string model, int a, int b, CancellationToken cancellationToken)
    {
        ModelVersionRecord? left = await _registry.GetVersionAsync(model, a, cancellationToken).ConfigureAwait(false);
        ModelVersionRecord? right = await _registry.GetVersionAsync(model, b, cancellationToken).ConfigureAwait(false);
        if (left is null || right is null)
        {
            return ApiResults.NotFound($"Model '{model}' has no version {(left is null ? a : b)}.");
        }

        return ApiResults.Json(new
        {
            model,
            a = Describe(left),
            b = Describe(right),
            metricDeltas = left.Metrics.Keys.Intersect(right.Metrics.Keys).ToDictionary(k => k, k => right.Metrics[k] - left.Metrics[k]),
            parameterChanges = left.Parameters.Keys.Union(right.Parameters.Keys)
                .Where(k => left.Parameters.GetValueOrDefault(k, double.NaN) != right.Parameters.GetValueOrDefault(k, double.NaN))
                .ToDictionary(k => k, k => new { a = Value(left.Parameters, k), b = Value(right.Parameters, k) }),
            sameData = left.DatasetVersion == right.DatasetVersion,
            sameSpec = left.SpecVersion == right.SpecVersion,
            note = "Metrics are each version's own test split unless both share the data and spec; the gate compares on the same split.",
        });
    }

    public Task<IResult> ApproveAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken) =>
        DecideAsync(request, runId, approved: true, client, cancellationToken);

    public Task<IResult> RejectAsync(HttpRequest request, string runId, DurableTaskClient client, CancellationToken cancellationToken) =>
        DecideAsync(request, runId, approved: false, client, cancellationToken);

    private async Task<IResult> DecideAsync(HttpRequest request, string runId, bool approved, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        DecisionRequest? body = await ApiResults.ReadJsonAsync<DecisionRequest>(request, cancellationToken).ConfigureAwait(false);
        RunRecord? run = runId.Contains('.', StringComparison.Ordinal) ? await _runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) : null;
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

    /// <summary>Who is acting: the signed-in principal in Azure (App Service authentication), else what the caller says, else the API key holder.</summary>
    /// <summary>The authenticated principal; a body's "by" only for a shared credential that names nobody.</summary>
    private static string Actor(HttpRequest request, string? claimed) => ApiCaller.Of(request.HttpContext).Actor(claimed);

    private static object Describe(ModelVersionRecord v) => new { v.Version, v.Trainer, v.Parameters, v.Metrics, v.DatasetVersion, v.SpecVersion, v.RunId, v.CreatedAt, v.Sha256 };

    private static string Value(Dictionary<string, double> parameters, string key) =>
        parameters.TryGetValue(key, out double value) ? value.ToString(CultureInfo.InvariantCulture) : "(unset)";
}
