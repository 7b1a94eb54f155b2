using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Functions.Http;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Tests.Http;

public class HttpResultExtensionsTests
{
    [Fact]
    public async Task AsActionResultAsync_LocatedJsonResult_WritesStatusLocationAndBody()
    {
        using ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        IResult handlerResult = new LocatedResult(Results.Json(new { runId = "r1" }, statusCode: StatusCodes.Status202Accepted), "/api/runs/r1");

        IActionResult action = await Task.FromResult(handlerResult).AsActionResultAsync();
        await action.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        Assert.Equal(StatusCodes.Status202Accepted, http.Response.StatusCode);
        Assert.Equal("/api/runs/r1", http.Response.Headers.Location.ToString());
        Assert.Equal("""{"runId":"r1"}""", Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }
}
