using Microsoft.AspNetCore.Http;

namespace MlOps.Pipeline.Http;

/// <summary>Adds a Location header (the run's status URL) to another result.</summary>
public sealed class LocatedResult : IResult
{
    private readonly IResult _inner;
    private readonly string _location;

    public LocatedResult(IResult inner, string location)
    {
        _inner = inner;
        _location = location;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.Location = _location;
        return _inner.ExecuteAsync(httpContext);
    }
}
