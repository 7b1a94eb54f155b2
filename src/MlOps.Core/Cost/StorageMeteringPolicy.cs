using Azure.Core;
using Azure.Core.Pipeline;

namespace MlOps.Core.Cost;

/// <summary>
/// Counts every request a storage client sends (each retry included, as storage bills each), with the bytes sent and
/// received, by service and billing class. Requests go to the unit of work in progress
/// (<see cref="StorageCounters.Current"/>), else to <see cref="UsageMeter.Unattributed"/>; a policy built with fixed
/// counters (the durable backend's clients) counts everything there.
/// </summary>
public sealed class StorageMeteringPolicy : HttpPipelinePolicy
{
    private readonly StorageService _service;
    private readonly StorageCounters _fallback;
    private readonly bool _ambient;

    private StorageMeteringPolicy(StorageService service, StorageCounters fallback, bool ambient)
    {
        _service = service;
        _fallback = fallback;
        _ambient = ambient;
    }

    /// <summary>Counts for the unit of work in progress, or as unattributed.</summary>
    public static StorageMeteringPolicy Attributed(StorageService service, UsageMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return new StorageMeteringPolicy(service, meter.Unattributed, ambient: true);
    }

    /// <summary>Counts everything into <paramref name="counters"/>, whatever the flow.</summary>
    public static StorageMeteringPolicy Into(StorageService service, StorageCounters counters) => new(service, counters, ambient: false);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Count(message);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Count(message);
        }
    }

    /// <summary>
    /// The billing class of a storage request. Blob: listing and creating containers bill as list operations;
    /// downloads as reads; puts, appends and blocks as writes; properties, metadata and deletes as other. Queue: dequeue and peek
    /// read, enqueue and updates write. Table: queries read, inserts and updates (and batches) write.
    /// </summary>
    public static StorageOperationClass Classify(StorageService service, RequestMethod method, string? query, string path)
    {
        query ??= string.Empty;
        bool list = query.Contains("comp=list", StringComparison.OrdinalIgnoreCase);
        if (service == StorageService.Table)
        {
            bool tables = path.TrimEnd('/').EndsWith("/Tables", StringComparison.OrdinalIgnoreCase) || path.Contains("/Tables(", StringComparison.OrdinalIgnoreCase);
            if (method == RequestMethod.Get)
            {
                return tables ? StorageOperationClass.List : StorageOperationClass.Read;
            }

            return method == RequestMethod.Delete || method == RequestMethod.Head ? StorageOperationClass.Other : StorageOperationClass.Write;
        }

        if (list)
        {
            return StorageOperationClass.List;
        }

        if (service == StorageService.Blob && method == RequestMethod.Put && query.Contains("restype=container", StringComparison.OrdinalIgnoreCase)
            && !query.Contains("comp=", StringComparison.OrdinalIgnoreCase))
        {
            return StorageOperationClass.List; // create container
        }

        if (method == RequestMethod.Get)
        {
            return query.Contains("comp=metadata", StringComparison.OrdinalIgnoreCase) || query.Contains("comp=properties", StringComparison.OrdinalIgnoreCase)
                ? StorageOperationClass.Other
                : StorageOperationClass.Read;
        }

        if (method == RequestMethod.Put || method == RequestMethod.Post || method == RequestMethod.Patch)
        {
            return StorageOperationClass.Write;
        }

        return StorageOperationClass.Other; // HEAD (properties), DELETE, OPTIONS
    }

    /// <summary>Counts a request the service answered (an error answer is billed too; one that never arrived is not).</summary>
    private void Count(HttpMessage message)
    {
        if (!message.HasResponse)
        {
            return;
        }

        Request request = message.Request;
        StorageOperationClass operation = Classify(_service, request.Method, request.Uri.Query, request.Uri.Path);
        long sent = request.Content is not null && request.Content.TryComputeLength(out long length) ? length : 0;
        long received = message.Response.Headers.ContentLengthLong ?? 0;
        StorageCounters counters = _ambient ? StorageCounters.Current ?? _fallback : _fallback;
        counters.Add(_service, operation, sent + received);
    }
}
