using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Pipeline.Http;

namespace MlOps.Pipeline.Tests.Http;

/// <summary>What both hosts answer when no handler did: a problem-details body for every exception and unmatched request.</summary>
public sealed class ApiProblemsTests
{
    [Fact]
    public async Task ForException_StorageFailure_ServiceUnavailableProblem()
    {
        (int status, JsonElement problem) = await ExecuteAsync(ApiProblems.ForException(new RequestFailedException(500, "down", "ServerBusy", null), "t-1"));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("Storage unavailable", problem.GetProperty("title").GetString());
        Assert.Contains("ServerBusy", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForException_BodyOverKestrelsLimit_PayloadTooLargeWithItsMessage()
    {
        var tooLarge = new BadHttpRequestException("Request body too large. The max request body size is 33554432 bytes.", StatusCodes.Status413PayloadTooLarge);
        (int status, JsonElement problem) = await ExecuteAsync(ApiProblems.ForException(tooLarge, "t-2"));
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("33554432", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForException_Bug_InternalServerErrorWithTraceIdAndNoInternals()
    {
        (int status, JsonElement problem) = await ExecuteAsync(ApiProblems.ForException(new InvalidOperationException("secret internals"), "t-3"));
        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Contains("t-3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DELETE", "/api/models/bc/spec", StatusCodes.Status405MethodNotAllowed, "GET, PUT")]
    [InlineData("GET", "/api/models/bc/predict", StatusCodes.Status405MethodNotAllowed, "POST")]
    [InlineData("GET", "/api/models/bc/nothing", StatusCodes.Status404NotFound, null)]
    [InlineData("GET", "/api/nothing", StatusCodes.Status404NotFound, null)]
    public async Task ForUnmatched_PathOfARoute_405WithAllowElse404(string method, string path, int expected, string? allow)
    {
        var context = NewContext();
        context.Request.Method = method;
        context.Request.Path = path;
        (int status, JsonElement problem) = await ExecuteAsync(ApiProblems.ForUnmatched(context), context);
        Assert.Equal(expected, status);
        Assert.Equal(expected, problem.GetProperty("status").GetInt32());
        Assert.Equal(allow ?? string.Empty, context.Response.Headers.Allow.ToString());
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, JsonElement Problem)> ExecuteAsync(IResult result, DefaultHttpContext? context = null)
    {
        context ??= NewContext();
        await result.ExecuteAsync(context);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        using JsonDocument body = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, body.RootElement.Clone());
    }
}
