using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Core.Serialization;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Pipeline.Http;

/// <summary>Cost monitor handlers shared by both hosts: run it now, and read its daily reports.</summary>
public sealed class CostMonitoringApi
{
    private readonly CostMonitorScheduler _scheduler;
    private readonly CostReportStore _reports;
    private readonly TimeProvider _clock;

    public CostMonitoringApi(CostMonitorScheduler scheduler, CostReportStore reports, TimeProvider clock)
    {
        _scheduler = scheduler;
        _reports = reports;
        _clock = clock;
    }

    /// <summary>Starts a cost monitor run for <c>?day=yyyy-MM-dd</c> (today so far when absent) → 202 with its id.</summary>
    public async Task<IResult> StartAsync(string? day, DurableTaskClient client, CancellationToken cancellationToken)
    {
        DateOnly? reported = null;
        if (!string.IsNullOrEmpty(day))
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsed))
            {
                return ApiResults.BadRequest($"day '{day}' is not a date (yyyy-MM-dd).");
            }

            if (parsed > DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime))
            {
                return ApiResults.BadRequest($"day {day} is in the future: there is no cost to report yet.");
            }

            reported = parsed;
        }

        string id = await _scheduler.StartNowAsync(client, reported, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        string reportDay = (reported ?? DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Results.Json(new { monitorId = id, day = reportDay, report = $"/api/{ApiRoutes.CostReports}/{reportDay}" }, JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted);
    }

    public async Task<IResult> ListAsync(CancellationToken cancellationToken) =>
        ApiResults.Json(await _reports.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false));

    public async Task<IResult> GetAsync(string day, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return ApiResults.BadRequest($"day '{day}' is not a date (yyyy-MM-dd).");
        }

        return await _reports.GetAsync(day, cancellationToken).ConfigureAwait(false) is { } report
            ? ApiResults.Json(report)
            : ApiResults.NotFound($"No cost report for {day}: run the cost monitor for it (POST /api/{ApiRoutes.CostMonitor}?day={day}).");
    }
}
