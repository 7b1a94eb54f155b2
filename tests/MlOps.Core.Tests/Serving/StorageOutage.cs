using Azure.Core;
using Azure.Core.Pipeline;

namespace MlOps.Core.Tests.Serving;

/// <summary>
/// While <see cref="Down"/>, every request fails as an unreachable storage account's would (connection refused),
/// before it is sent: placed per call, outside the client's retries, so a test does not wait for their back-off.
/// </summary>
internal sealed class StorageOutage : HttpPipelinePolicy
{
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfDown();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfDown();
        return ProcessNextAsync(message, pipeline);
    }

    private void ThrowIfDown()
    {
        if (_down)
        {
            throw new Azure.RequestFailedException("Connection refused (storage stopped by the test).");
        }
    }
}
