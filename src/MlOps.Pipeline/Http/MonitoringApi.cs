using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MlOps.Core.Alerts;
using MlOps.Core.AzureRest;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Serving;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Pipeline.Http;

/// <summary>Monitoring handlers shared by both hosts: alerts, monitor runs, drift and decay reports, late labels.</summary>
public sealed class MonitoringApi
{
    private readonly AlertPublisher _alerts;
    private readonly MonitorStore _monitors;
    private readonly DriftReportStore _reports;
    private readonly MonitorScheduler _scheduler;
    private readonly MlOpsStorage _storage;
    private readonly TimeProvider _clock;

    public MonitoringApi(AlertPublisher alerts, MonitorStore monitors, DriftReportStore reports, MonitorScheduler scheduler, MlOpsStorage storage, TimeProvider clock)
    {
        _alerts = alerts;
        _monitors = monitors;
        _reports = reports;
        _scheduler = scheduler;
        _storage = storage;
        _clock = clock;
    }

    public Task<IResult> ListAlertsAsync(string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, async m => ApiResults.Json(await _alerts.ListAsync(m, cancellationToken: cancellationToken).ConfigureAwait(false)));

    /// <summary>Alerts about uploads no model could take: the name broke the model-name rule, so no run started.</summary>
    public async Task<IResult> ListUploadAlertsAsync(CancellationToken cancellationToken) =>
        ApiResults.Json(await _alerts.ListAsync(AlertPublisher.NoModel, cancellationToken: cancellationToken).ConfigureAwait(false));

    /// <summary>Runs the model's monitor now, over the window that ends now (rounded up to the second).</summary>
    public Task<IResult> StartMonitorAsync(string model, DurableTaskClient client, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        string? id = await _scheduler.StartNowAsync(client, m, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return id is null
            ? Results.Problem(detail: $"Model '{m}' has no spec with monitoring enabled, or a monitor for this second already runs.", statusCode: StatusCodes.Status409Conflict)
            : Results.Json(new { monitorId = id }, JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted);
    });

    public Task<IResult> ListMonitorsAsync(string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, async m => ApiResults.Json(await _monitors.ListAsync(m, cancellationToken: cancellationToken).ConfigureAwait(false)));

    public Task<IResult> ListDriftAsync(string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, async m => ApiResults.Json(await _reports.ListAsync(m, cancellationToken: cancellationToken).ConfigureAwait(false)));

    /// <summary>
    /// The serving-health report over the monitor window ending now, as a one-report list (404 without a spec; 502
    /// naming Log Analytics' error when the workspace query fails).
    /// </summary>
    public Task<IResult> GetServingHealthAsync(string model, ServingHealthMonitor health, CancellationToken cancellationToken) => RouteValues.ForModel(model, async m =>
    {
        ArgumentNullException.ThrowIfNull(health);
        ServingHealthReport? report;
        try
        {
            report = await health.CheckAsync(m, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (AzureRestException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status502BadGateway, title: "The Log Analytics query failed");
        }

        return report is null
            ? Results.Problem(detail: $"Model '{m}' has no spec.", statusCode: StatusCodes.Status404NotFound)
            : ApiResults.Json(new[] { report });
    });

    public Task<IResult> ListDecayAsync(string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, async m => ApiResults.Json(await _reports.ListDecayAsync(m, cancellationToken: cancellationToken).ConfigureAwait(false)));

    /// <summary>A window's full drift report (JSON) or its plot (PNG), by window id.</summary>
    public Task<IResult> GetDriftAsync(string model, string windowId, bool plot, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, m => GetDriftCoreAsync(m, windowId, plot, cancellationToken));

    private async Task<IResult> GetDriftCoreAsync(string model, string windowId, bool plot, CancellationToken cancellationToken)
    {
        DriftReportSummary? summary = (await _reports.ListAsync(model, 500, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Window.Id == windowId);
        string? blob = plot ? summary?.PlotBlob : summary?.ReportBlob;
        if (blob is null)
        {
            return ApiResults.NotFound($"Model '{model}' has no drift {(plot ? "plot" : "report")} for window '{windowId}'.");
        }

        var content = await _storage.Container(_storage.Layout.Reports).GetBlobClient(blob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return plot ? Results.Bytes(content.Value.Content.ToArray(), "image/png") : Results.Text(content.Value.Content.ToString(), "application/json");
    }

    /// <summary>Late labels as JSON rows [{requestId, row, label}], stored in feedback/{model}/ for the decay monitor.</summary>
    public Task<IResult> PostFeedbackAsync(HttpRequest request, string model, CancellationToken cancellationToken) =>
        RouteValues.ForModel(model, m => PostFeedbackCoreAsync(request, m, cancellationToken));

    private async Task<IResult> PostFeedbackCoreAsync(HttpRequest request, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<FeedbackRow>? rows = await ApiResults.ReadJsonAsync<List<FeedbackRow>>(request, cancellationToken).ConfigureAwait(false);
        int bad = rows?.FindIndex(r => string.IsNullOrWhiteSpace(r.RequestId) || r.Label is null || r.Row < 0) ?? 0;
        if (rows is null || rows.Count == 0 || bad >= 0)
        {
            return ApiResults.BadRequest(rows is null || rows.Count == 0
                ? "Send a JSON array of {\"requestId\": \"...\", \"row\": 0, \"label\": \"...\"}."
                : $"Row {bad}: requestId and label are required, and row must not be negative.");
        }

        var lines = new StringBuilder();
        foreach (FeedbackRow row in rows)
        {
            lines.AppendLine(JsonSerializer.Serialize(new { requestId = row.RequestId, row = row.Row, label = row.Label }));
        }

        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        string name = string.Create(CultureInfo.InvariantCulture, $"{model}/api/{_clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.jsonl");
        await _storage.Container(_storage.Layout.Feedback).GetBlobClient(name).UploadAsync(BinaryData.FromString(lines.ToString()), cancellationToken).ConfigureAwait(false);
        return Results.Json(new { stored = $"{_storage.Layout.Feedback}/{name}", rows = rows.Count }, JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
