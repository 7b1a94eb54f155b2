using System.Globalization;
using Azure;
using Azure.Core;

namespace MlOps.Core.AzureRest;

/// <summary>
/// How long to wait before retrying an Azure call: what the service asked for when it said so, else exponential
/// back-off. Azure.Core already honours Retry-After, retry-after-ms and x-ms-retry-after-ms; Cost Management says how
/// long to wait in its own rate-limit headers (per query-processing-unit, entity, tenant and client), which only this
/// strategy reads.
/// </summary>
public sealed class ThrottlingDelayStrategy : DelayStrategy
{
    /// <summary>Cost Management's retry-after headers, in seconds; the QPU one is the one a busy query hits.</summary>
    public static readonly IReadOnlyList<string> CostManagementRetryHeaders =
    [
        "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after",
        "x-ms-ratelimit-microsoft.costmanagement-client-retry-after",
    ];

    private static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(800);
    private readonly TimeSpan _maxDelay;

    // No jitter from the base class: a wait the service asked for must not be shortened; back-off jitters itself.
    public ThrottlingDelayStrategy(TimeSpan maxDelay)
        : base(maxDelay, jitterFactor: 0)
    {
        _maxDelay = maxDelay;
    }

    /// <summary>The wait Cost Management's headers ask for, if the response carries one.</summary>
    public static TimeSpan? CostManagementDelay(Response? response)
    {
        if (response is null)
        {
            return null;
        }

        TimeSpan? longest = null;
        foreach (string header in CostManagementRetryHeaders)
        {
            if (response.Headers.TryGetValue(header, out string? value)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
            {
                TimeSpan delay = TimeSpan.FromSeconds(seconds);
                longest = longest is null || delay > longest ? delay : longest;
            }
        }

        return longest;
    }

    protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
    {
        if (CostManagementDelay(response) is { } asked)
        {
            return asked < _maxDelay ? asked : _maxDelay;
        }

        double backOff = InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retryNumber - 1)) * (1 + (Random.Shared.NextDouble() * 0.2));
        return TimeSpan.FromMilliseconds(Math.Min(backOff, _maxDelay.TotalMilliseconds));
    }
}
