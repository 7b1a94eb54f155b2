using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MlOps.Functions.Http;

/// <summary>
/// The shared handlers return minimal-API <see cref="IResult"/>s; the Functions ASP.NET Core integration only
/// executes <see cref="IActionResult"/>s, so each handler's result is wrapped once on the way out.
/// </summary>
public static class HttpResultExtensions
{
    public static async Task<IActionResult> AsActionResultAsync(this Task<IResult> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (await result.ConfigureAwait(false)).AsActionResult();
    }

    public static IActionResult AsActionResult(this IResult result) => new ResultAction(result);

    private sealed class ResultAction : IActionResult
    {
        private readonly IResult _result;

        public ResultAction(IResult result) => _result = result;

        public Task ExecuteResultAsync(ActionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            return _result.ExecuteAsync(context.HttpContext);
        }
    }
}
