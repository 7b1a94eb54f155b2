using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MlOps.Core.AzureRest;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Pricing;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Core.Cost.Recommendations;
using MlOps.Core.Registry;
using MlOps.Core.Specs;
using MlOps.Core.Serialization;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Pipeline.Http;

/// <summary>Cost monitor handlers shared by both hosts: run it now, read its daily reports, and a model's recommendations.</summary>
public sealed class CostMonitoringApi
{
    private readonly CostMonitorScheduler _scheduler;
    private readonly CostReportStore _reports;
    private readonly CostRecommender _recommender;
    private readonly ModelRegistry _registry;
    private readonly PriceSheetRefresher _refresher;
    private readonly PriceSheetProvider _prices;
    private readonly TimeProvider _clock;

    public CostMonitoringApi(
        CostMonitorScheduler scheduler, CostReportStore reports, CostRecommender recommender, ModelRegistry registry, PriceSheetRefresher refresher, PriceSheetProvider prices, TimeProvider clock)
    {
        _refresher = refresher;
        _prices = prices;
        _scheduler = scheduler;
        _reports = reports;
        _recommender = recommender;
        _registry = registry;
        _clock = clock;
    }

    /// <summary>The price sheet in force: every price with its source and date, the billing rules, the version ledger entries name.</summary>
    public IResult Prices() => ApiResults.Json(new { _prices.Current.Version, sheet = _prices.Current, prices = _prices.Current.Prices.ToDictionary(p => p.Meter, p => p.Price) });

    /// <summary>Refreshes the list prices from the Azure Retail Prices API now; 409 while refreshing is off, a 502 names the API's error.</summary>
    public async Task<IResult> RefreshPricesAsync(CancellationToken cancellationToken)
    {
        if (!_refresher.Options.Enabled)
        {
            return Results.Problem(
                detail: $"Refreshing prices from the Azure Retail Prices API is off: set {PriceRefreshOptions.SectionName}:Enabled to true (the host needs to reach prices.azure.com).",
                statusCode: StatusCodes.Status409Conflict, title: "Price refresh is off");
        }

        try
        {
            return ApiResults.Json(await _refresher.RefreshAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (AzureRestException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status502BadGateway, title: "The Retail Prices API failed");
        }
    }

    /// <summary>A model's recommendations, largest monthly saving first.</summary>
    public async Task<IResult> RecommendAsync(string model, CancellationToken cancellationToken)
    {
        if (!RouteValues.TryModel(model, out string? stored, out IResult? invalid))
        {
            return invalid;
        }

        model = stored;

        if (!(await _registry.ListModelsAsync(cancellationToken).ConfigureAwait(false)).Contains(model, StringComparer.Ordinal))
        {
            return ApiResults.NotFound($"Model '{model}' has no registered version yet.");
        }

        IReadOnlyList<Recommendation> recommendations = await _recommender.RecommendAsync(model, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(new { model, monthlySaving = recommendations.Sum(r => r.MonthlySaving), recommendations });
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
