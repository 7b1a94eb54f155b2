using Azure.Core;
using Azure.Core.Pipeline;

namespace MlOps.Core.Tests.Serving;

/// <summary>
/// Lets the first Append Block request reach storage and then loses its response, as a dropped connection would: the
/// block is stored, but the client cannot know it.
/// </summary>
internal sealed class LoseFirstAppendResponse : HttpPipelinePolicy
{
    private int _lost;

    public int Lost => _lost;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        ThrowIfFirstAppend(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        ThrowIfFirstAppend(message);
    }

    private void ThrowIfFirstAppend(HttpMessage message)
    {
        if (message.Request.Uri.Query.Contains("comp=appendblock", StringComparison.OrdinalIgnoreCase)
            && message.Response.Status == 201
            && Interlocked.CompareExchange(ref _lost, 1, 0) == 0)
        {
            throw new IOException("The connection was reset after the append was sent (injected by the test).");
        }
    }
}
