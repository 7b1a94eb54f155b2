using Microsoft.AspNetCore.Http;
using MlOps.Core.Alerts;

namespace MlOps.Pipeline.Http;

/// <summary>Monitoring handlers shared by both hosts: alerts (and, with the monitors, drift and decay reports).</summary>
public sealed class MonitoringApi
{
    private readonly AlertPublisher _alerts;

    public MonitoringApi(AlertPublisher alerts) => _alerts = alerts;

    public async Task<IResult> ListAlertsAsync(string model, CancellationToken cancellationToken) =>
        ApiResults.Json(await _alerts.ListAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false));
}
