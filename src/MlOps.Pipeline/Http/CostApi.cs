using System.Globalization;
using Microsoft.AspNetCore.Http;
using MlOps.Core.Cost;
using MlOps.Core.Registry;
using MlOps.Core.Specs;
using MlOps.Core.Storage;

namespace MlOps.Pipeline.Http;

/// <summary>Cost handlers shared by both hosts: a model's costs, every model's by day and stage, and the cost-per-day plot.</summary>
public sealed class CostApi
{
    private readonly CostReports _reports;
    private readonly PriceSheetProvider _prices;
    private readonly ModelRegistry _registry;
    private readonly MlOpsStorage _storage;

    public CostApi(CostReports reports, PriceSheetProvider prices, ModelRegistry registry, MlOpsStorage storage)
    {
        _reports = reports;
        _prices = prices;
        _registry = registry;
        _storage = storage;
    }

    /// <summary>A model's costs in [from, to]: total, by stage, by day and stage, and each version's training and serving.</summary>
    public async Task<IResult> GetModelCostAsync(string model, string? from, string? to, CancellationToken cancellationToken)
    {
        if (!RouteValues.TryModel(model, out string? stored, out IResult? invalid))
        {
            return invalid;
        }

        model = stored;

        if (_reports.Range(from, to, out string? problem) is not (string start, string end))
        {
            return ApiResults.BadRequest(problem!);
        }

        IReadOnlyList<CostDay> days = await _reports.DailyAsync(model, start, end, cancellationToken).ConfigureAwait(false);
        var versions = new List<object>();
        foreach (ModelVersionRecord version in (await _registry.ListVersionsAsync(model, cancellationToken).ConfigureAwait(false)).OrderByDescending(v => v.Version))
        {
            versions.Add(await VersionCostAsync(version, cancellationToken).ConfigureAwait(false));
        }

        return ApiResults.Json(new
        {
            model, from = start, to = end, currency = _prices.Current.Currency, priceSheetVersion = _prices.Current.Version, total = days.Sum(d => d.Cost),
            byStage = ByStage(days), days, versions,
        });
    }

    /// <summary>Every model's costs in [from, to] (the platform's overhead as its own model), by day and stage.</summary>
    public async Task<IResult> GetCostAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        if (_reports.Range(from, to, out string? problem) is not (string start, string end))
        {
            return ApiResults.BadRequest(problem!);
        }

        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<CostDay> days = await _reports.DailyAsync(null, start, end, cancellationToken).ConfigureAwait(false);
        PriceSheet sheet = _prices.Current;
        return ApiResults.Json(new
        {
            from = start, to = end, currency = sheet.Currency, priceSheetVersion = sheet.Version, total = days.Sum(d => d.Cost),
            byModel = days.GroupBy(d => d.Model).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.Cost)),
            byStage = ByStage(days), days, priceSheet = sheet,
        });
    }

    /// <summary>The cost-per-day plot (PNG) for one model or all, stored in reports/cost/ and returned.</summary>
    public async Task<IResult> GetCostPlotAsync(string? model, string? from, string? to, CancellationToken cancellationToken)
    {
        if (model is not null)
        {
            if (!RouteValues.TryModel(model, out string? stored, out IResult? invalid))
            {
                return invalid;
            }

            model = stored;
        }

        if (_reports.Range(from, to, out string? problem) is not (string start, string end))
        {
            return ApiResults.BadRequest(problem!);
        }

        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<CostDay> days = await _reports.DailyAsync(model, start, end, cancellationToken).ConfigureAwait(false);
        byte[] png = CostPlot.RenderPng(days, start, end, _prices.Current.Currency, model);
        string blob = string.Create(CultureInfo.InvariantCulture, $"cost/{model ?? "all"}/{start}_{end}.png");
        await _storage.Container(_storage.Layout.Reports).GetBlobClient(blob).UploadAsync(new BinaryData(png), overwrite: true, cancellationToken).ConfigureAwait(false);
        return Results.Bytes(png, "image/png");
    }

    /// <summary>A version's training cost (its run's ledger rows) and measured serving cost per 1,000 predictions over the last 30 days.</summary>
    public async Task<object> VersionCostAsync(ModelVersionRecord version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        (CostSummary training, _) = await _reports.ForRunAsync(version.Model, version.RunId, cancellationToken).ConfigureAwait(false);
        ServingTraffic serving = await _reports.ServingAsync(version.Model, version.Version, cancellationToken).ConfigureAwait(false);
        return new
        {
            version = version.Version, currency = training.Currency, training = training.Total, servingPer1000Predictions = serving.CostPer1000,
            predictions = serving.Predictions, serving = serving.Cost, holdoutServingPer1000Predictions = version.HoldoutServingCostPer1000,
        };
    }

    private static Dictionary<string, double> ByStage(IEnumerable<CostDay> days) =>
        days.GroupBy(d => d.Stage).OrderBy(g => CostSummary.StageOrder(g.Key)).ToDictionary(g => g.Key, g => g.Sum(d => d.Cost));
}
