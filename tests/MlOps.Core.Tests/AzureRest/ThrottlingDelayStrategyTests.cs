using Azure.Core;
using Azure.Core.Pipeline;
using MlOps.Core.AzureRest;
using MlOps.Testing;

namespace MlOps.Core.Tests.AzureRest;

/// <summary>How long a retry waits: what the service asked for, in Cost Management's own header too.</summary>
public sealed class ThrottlingDelayStrategyTests : IAsyncLifetime
{
    private LoopbackAzure _azure = null!;

    public async Task InitializeAsync() => _azure = await LoopbackAzure.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Theory]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "7", 7)]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after", "12", 12)]
    [InlineData("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "600", 60)] // cut to the configured maximum
    public async Task GetNextDelay_CostManagementRetryHeader_WaitsWhatItAsks(string header, string seconds, double expected)
    {
        _azure.Throttle("/query", 1, (header, seconds));
        Azure.Response throttled = await SendOnceAsync();

        TimeSpan delay = new ThrottlingDelayStrategy(TimeSpan.FromSeconds(60)).GetNextDelay(throttled, 1);

        Assert.Equal(429, throttled.Status);
        Assert.Equal(TimeSpan.FromSeconds(expected), delay);
    }

    [Fact]
    public async Task GetNextDelay_RetryAfterHeader_WaitsAtLeastThat()
    {
        _azure.Throttle("/query", 1, ("Retry-After", "9"));
        Azure.Response throttled = await SendOnceAsync();

        TimeSpan delay = new ThrottlingDelayStrategy(TimeSpan.FromSeconds(60)).GetNextDelay(throttled, 1);

        Assert.True(delay >= TimeSpan.FromSeconds(9), $"waited {delay}");
    }

    [Fact]
    public void GetNextDelay_NoHint_BacksOffExponentiallyWithinTheMaximum()
    {
        var strategy = new ThrottlingDelayStrategy(TimeSpan.FromSeconds(5));

        TimeSpan first = strategy.GetNextDelay(null, 1), third = strategy.GetNextDelay(null, 3), tenth = strategy.GetNextDelay(null, 10);

        Assert.InRange(first.TotalMilliseconds, 800, 960);
        Assert.InRange(third.TotalMilliseconds, 3200, 3840);
        Assert.Equal(TimeSpan.FromSeconds(5), tenth);
    }

    /// <summary>One real 429 from the loopback server, through a pipeline that does not retry.</summary>
    private async Task<Azure.Response> SendOnceAsync()
    {
        HttpPipeline pipeline = HttpPipelineBuilder.Build(new NoRetryOptions(_azure.Transport));
        HttpMessage message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(_azure.BaseUri, "subscriptions/s/providers/Microsoft.CostManagement/query"));
        await pipeline.SendAsync(message, CancellationToken.None);
        return message.Response;
    }

    private sealed class NoRetryOptions : Azure.Core.ClientOptions
    {
        public NoRetryOptions(HttpPipelineTransport transport)
        {
            Transport = transport;
            Retry.MaxRetries = 0;
        }
    }
}
