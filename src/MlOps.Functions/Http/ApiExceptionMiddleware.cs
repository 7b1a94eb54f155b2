using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using MlOps.Pipeline.Http;

namespace MlOps.Functions.Http;

/// <summary>
/// An HTTP function that throws answers with the shared problem-details body (storage unavailable 503, a body over
/// a limit 413, otherwise 500 with a trace id) instead of the host's empty 500; other triggers' exceptions pass on.
/// </summary>
public sealed partial class ApiExceptionMiddleware : IFunctionsWorkerMiddleware
{
    private readonly ILogger<ApiExceptionMiddleware> _logger;

    public ApiExceptionMiddleware(ILogger<ApiExceptionMiddleware> logger) => _logger = logger;

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (context.GetHttpContext() is not null && ex is not OperationCanceledException)
        {
            LogUnhandled(ex, context.FunctionDefinition.Name, context.InvocationId);
            context.GetInvocationResult().Value = ApiProblems.ForException(ex, context.InvocationId).AsActionResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Function} (invocation {InvocationId})")]
    private partial void LogUnhandled(Exception exception, string function, string invocationId);
}
