using Microsoft.AspNetCore.Diagnostics;
using MlOps.Pipeline.Http;

namespace MlOps.Host.Runtime;

/// <summary>
/// Every 4xx and 5xx of the local API carries a problem-details body: exceptions no handler caught (storage down,
/// Kestrel's 413 for a body over its limit, bugs) become the shared <see cref="ApiProblems"/> answer (the exception
/// handler middleware logs them); any other empty error response (a path outside /api) gets the status code's problem.
/// </summary>
public static class ProblemDetailsSetup
{
    public static WebApplication UseMlOpsProblemDetails(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async context =>
            {
                Exception exception = context.Features.Get<IExceptionHandlerFeature>()?.Error ?? new InvalidOperationException("unknown failure");
                await ApiProblems.ForException(exception, context.TraceIdentifier).ExecuteAsync(context).ConfigureAwait(false);
            },
        });
        app.UseStatusCodePages();
        return app;
    }
}
