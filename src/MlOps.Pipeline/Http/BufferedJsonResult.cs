using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace MlOps.Pipeline.Http;

/// <summary>
/// A 200 JSON answer serialized before anything is sent, so it goes out with a Content-Length in one write. For small
/// answers on hot routes (predict): streaming JSON goes out chunked, which costs a second socket write per response
/// for the terminating chunk, and the object-typed result looks its contract up again on every call.
/// </summary>
public sealed class BufferedJsonResult<T> : IResult, IStatusCodeHttpResult, IValueHttpResult, IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    // One per thread: serializing and copying into the response happen without an await in between.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? s_writer;

    private readonly T _value;
    private readonly JsonTypeInfo<T> _typeInfo;

    public BufferedJsonResult(T value, JsonTypeInfo<T> typeInfo)
    {
        _value = value;
        _typeInfo = typeInfo;
    }

    public int? StatusCode => StatusCodes.Status200OK;

    public object? Value => _value;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArrayBufferWriter<byte> buffer = s_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Utf8JsonWriter writer = s_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _typeInfo.Options.Encoder, SkipValidation = true });
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, _value, _typeInfo);
        writer.Flush();

        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = buffer.WrittenCount;
        ReadOnlySpan<byte> body = buffer.WrittenSpan;
        // Written into the response's buffer without a flush: the server sends headers and body together when the request ends.
        response.BodyWriter.Write(body);
        if (buffer.Capacity > 64 * 1024)
        {
            // An unusually large answer does not stay referenced from the thread.
            s_buffer = null;
            s_writer = null;
        }

        return Task.CompletedTask;
    }
}
