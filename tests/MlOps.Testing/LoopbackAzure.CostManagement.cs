using System.Globalization;
using System.Text.Json;
using MlOps.Core.AzureRest;

namespace MlOps.Testing;

/// <summary>Cost Management's query API: billed cost per resource and day, paged by properties.nextLink.</summary>
public sealed partial class LoopbackAzure
{
    private readonly List<BilledCost> _billed = [];

    /// <summary>Rows per page of a cost query before a nextLink is returned.</summary>
    public int CostRowsPerPage { get; set; } = 1000;

    /// <summary>Records what Azure billed a resource on a day (summed with any earlier amount for the same day and resource).</summary>
    public void AddBilledCost(DateOnly day, string resourceId, double cost, string currency = "USD")
    {
        lock (_gate)
        {
            _billed.Add(new BilledCost(day, resourceId, cost, currency));
        }
    }

    private Answer CostQuery(RecordedRequest request)
    {
        if (Authorized(request, new AzureRestOptions().ManagementScope) is { } unauthorized)
        {
            return unauthorized;
        }

        if (ApiVersion(request, CostManagementClient.ApiVersion) is { } badVersion)
        {
            return badVersion;
        }

        JsonElement body;
        try
        {
            body = request.Json();
        }
        catch (JsonException ex)
        {
            return BadRequest("The query definition is not JSON: " + ex.Message);
        }

        if (Text(body, "type") is not ("ActualCost" or "Usage" or "AmortizedCost"))
        {
            return BadRequest("type must be ActualCost, AmortizedCost or Usage.");
        }

        if (Text(body, "timeframe") != "Custom" || !body.TryGetProperty("timePeriod", out JsonElement period)
            || !DateTimeOffset.TryParse(Text(period, "from"), CultureInfo.InvariantCulture, out DateTimeOffset from)
            || !DateTimeOffset.TryParse(Text(period, "to"), CultureInfo.InvariantCulture, out DateTimeOffset to))
        {
            return BadRequest("A Custom timeframe needs timePeriod.from and timePeriod.to as dates.");
        }

        if (!body.TryGetProperty("dataset", out JsonElement dataset) || Text(dataset, "granularity") != "Daily")
        {
            return BadRequest("dataset.granularity must be Daily in this loopback.");
        }

        JsonElement grouping = dataset.TryGetProperty("grouping", out JsonElement g) ? g : default;
        if (grouping.ValueKind != JsonValueKind.Array || grouping.GetArrayLength() is 0 or > 2
            || grouping.EnumerateArray().All(x => Text(x, "name") != "ResourceId"))
        {
            return BadRequest("dataset.grouping must name the ResourceId dimension (at most 2 groupings).");
        }

        if (!dataset.TryGetProperty("aggregation", out JsonElement aggregation) || !aggregation.TryGetProperty("totalCost", out JsonElement total)
            || Text(total, "function") != "Sum")
        {
            return BadRequest("dataset.aggregation.totalCost must Sum a cost column.");
        }

        string costColumn = Text(total, "name") ?? "Cost";
        string scope = "/" + request.Path[..request.Path.IndexOf("/providers/Microsoft.CostManagement/query", StringComparison.OrdinalIgnoreCase)].Trim('/');
        List<object[]> rows;
        lock (_gate)
        {
            // Cost Management answers resource ids in lower case, one row per resource and day.
            rows = _billed
                .Where(c => c.ResourceId.StartsWith(scope, StringComparison.OrdinalIgnoreCase)
                    && c.Day >= DateOnly.FromDateTime(from.UtcDateTime) && c.Day <= DateOnly.FromDateTime(to.UtcDateTime))
                .GroupBy(c => (c.Day, Resource: c.ResourceId.ToLowerInvariant(), c.Currency))
                .OrderBy(x => x.Key.Day).ThenBy(x => x.Key.Resource, StringComparer.Ordinal)
                .Select(x => new object[] { x.Sum(c => c.Cost), x.Key.Resource, int.Parse(x.Key.Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), x.Key.Currency })
                .ToList();
        }

        int skip = int.TryParse(request.Query("$skiptoken"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;
        List<object[]> page = rows.Skip(skip).Take(CostRowsPerPage).ToList();
        string? nextLink = skip + page.Count < rows.Count
            ? new Uri(BaseUri, request.Path.TrimStart('/')) + $"?api-version={CostManagementClient.ApiVersion}&$skiptoken={skip + page.Count}"
            : null;
        string queryId = Guid.NewGuid().ToString();
        return new Answer(200, new
        {
            id = $"{scope}/providers/Microsoft.CostManagement/query/{queryId}",
            name = queryId,
            type = "Microsoft.CostManagement/query",
            location = (string?)null,
            sku = (string?)null,
            eTag = (string?)null,
            properties = new
            {
                nextLink,
                // The column order of the documented example: the aggregation, the grouping, UsageDate, Currency.
                columns = new object[]
                {
                    new { name = costColumn, type = "Number" },
                    new { name = "ResourceId", type = "String" },
                    new { name = "UsageDate", type = "Number" },
                    new { name = "Currency", type = "String" },
                },
                rows = page,
            },
        });
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
