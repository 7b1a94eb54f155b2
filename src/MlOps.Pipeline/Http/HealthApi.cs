using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MlOps.Core.Health;

namespace MlOps.Pipeline.Http;

/// <summary>
/// The health probes both hosts serve. Liveness says only that the process answers requests: it touches no storage,
/// so a storage outage cannot make an orchestrator restart healthy instances. Readiness asks every dependency
/// (blob, queue and table storage, the durable backend) concurrently, each within <see cref="CheckTimeout"/>, and
/// answers 503 naming the ones that did not answer.
/// </summary>
public sealed class HealthApi
{
    /// <summary>How long readiness waits for each dependency.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    // Looked up, never created: an instance id no run or monitor uses, so the durable backend answers "not found".
    private const string ProbeInstanceId = "mlops-readiness-probe";

    private readonly StorageReadiness _storage;
    private readonly ILogger<HealthApi> _logger;

    public HealthApi(StorageReadiness storage, ILogger<HealthApi> logger)
    {
        _storage = storage;
        _logger = logger;
    }

    public static IResult Live() => ApiResults.Json(new { status = "alive" });

    public async Task<IResult> ReadyAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        DependencyCheck[] checks = await Task.WhenAll(
        [
            .. _storage.Check(CheckTimeout, cancellationToken),
            DependencyCheck.RunAsync("durable", ct => client.GetInstanceAsync(ProbeInstanceId, getInputsAndOutputs: false, ct), CheckTimeout, cancellationToken),
        ]).ConfigureAwait(false);

        DependencyCheck[] failed = [.. checks.Where(c => !c.Ready)];
        if (failed.Length == 0)
        {
            return ApiResults.Json(new { status = "ready", checks });
        }

        string detail = "Not ready: " + string.Join("; ", failed.Select(c => $"{c.Name} {c.Problem}")) + ".";
        _logger.LogWarning("Readiness probe failed: {Detail}", detail);
        return Results.Problem(
            detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
            extensions: new Dictionary<string, object?> { ["checks"] = checks });
    }
}
