using System.Globalization;
using System.Text.Json;
using Azure.Core;

namespace MlOps.Core.AzureRest;

/// <summary>
/// The Cost Management Query API: actual (billed) cost per resource and day for a scope such as a resource group.
/// Cost Management refreshes its data about every four hours and finalises a day up to three days later, so a day's
/// figure can still grow after it is first read.
/// </summary>
public sealed class CostManagementClient : AzureRestClient
{
    public const string ApiVersion = "2023-03-01";

    private const string CostColumn = "Cost";
    private readonly Uri _endpoint;

    public CostManagementClient(AzureRestPipelines pipelines)
        : base(Management(pipelines), "Cost Management", pipelines.Options.MaxPages)
    {
        _endpoint = pipelines.Options.ManagementEndpoint;
    }

    /// <summary>The query body: ActualCost, a custom period from the first day's start to the last day's end, daily, summed per resource id.</summary>
    public static object QueryBody(DateOnly from, DateOnly to) => new
    {
        type = "ActualCost",
        timeframe = "Custom",
        timePeriod = new
        {
            from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
            to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59Z",
        },
        dataset = new
        {
            granularity = "Daily",
            aggregation = new { totalCost = new { name = CostColumn, function = "Sum" } },
            grouping = new[] { new { type = "Dimension", name = "ResourceId" } },
        },
    };

    /// <summary>The billed cost of every resource in <paramref name="scope"/> per day from <paramref name="from"/> to <paramref name="to"/> (both included), every page read.</summary>
    /// <param name="scope">An ARM scope, e.g. /subscriptions/{id}/resourceGroups/{name}.</param>
    public async Task<IReadOnlyList<BilledCost>> QueryDailyCostByResourceAsync(string scope, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        Uri uri = Combine(_endpoint, scope.Trim().TrimStart('/') + "/providers/Microsoft.CostManagement/query?api-version=" + ApiVersion);
        object body = QueryBody(from, to);
        var costs = new List<BilledCost>();
        await foreach (JsonDocument page in PagesAsync(RequestMethod.Post, uri, body, NextLink, link => SameOrigin(_endpoint, link), cancellationToken).ConfigureAwait(false))
        {
            using (page)
            {
                ReadRows(page.RootElement, costs);
            }
        }

        return costs;
    }

    private static string? NextLink(JsonElement page) =>
        page.TryGetProperty("properties", out JsonElement properties) && properties.TryGetProperty("nextLink", out JsonElement next) && next.ValueKind == JsonValueKind.String
            ? next.GetString()
            : null;

    private void ReadRows(JsonElement page, List<BilledCost> costs)
    {
        if (!page.TryGetProperty("properties", out JsonElement properties)
            || !properties.TryGetProperty("columns", out JsonElement columns) || !properties.TryGetProperty("rows", out JsonElement rows))
        {
            throw new AzureRestException(Service, 200, null, "Cost Management answered without properties.columns and properties.rows.");
        }

        var names = columns.EnumerateArray().Select(c => c.GetProperty("name").GetString() ?? "").ToList();
        int cost = Required(names, CostColumn), day = Required(names, "UsageDate"), resource = Required(names, "ResourceId");
        int currency = names.FindIndex(n => string.Equals(n, "Currency", StringComparison.OrdinalIgnoreCase));
        int row = 0;
        foreach (JsonElement values in rows.EnumerateArray())
        {
            row++;
            costs.Add(new BilledCost(
                UsageDate(values[day], row),
                values[resource].GetString() ?? "",
                values[cost].GetDouble(),
                currency >= 0 ? values[currency].GetString() ?? "" : ""));
        }
    }

    private int Required(List<string> names, string column)
    {
        int index = names.FindIndex(n => string.Equals(n, column, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw new AzureRestException(Service, 200, null, $"Cost Management answered without a {column} column (columns: {string.Join(", ", names)}).");
    }

    /// <summary>UsageDate is a number yyyymmdd (20261201), sometimes written as 20261201.0.</summary>
    private DateOnly UsageDate(JsonElement value, int row)
    {
        string text = value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("F0", CultureInfo.InvariantCulture) : value.GetString() ?? "";
        return DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? day
            : throw new AzureRestException(Service, 200, null, $"Cost Management row {row} has UsageDate '{text}', not a yyyymmdd date.");
    }
}
