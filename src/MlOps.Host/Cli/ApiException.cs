namespace MlOps.Host.Cli;

/// <summary>An API call answered with an error status; the message carries the server's explanation (the problem details' detail).</summary>
public sealed class ApiException : CliException
{
    public ApiException(int status, string reason, string detail)
        : base(CliExitCodes.ApiError, $"HTTP {status} {reason}: {detail}", HintFor(status)) => Status = status;

    public ApiException()
    {
    }

    public ApiException(string message)
        : base(message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; }

    private static string HintFor(int status) => status switch
    {
        400 or 422 => "the host refused the request as invalid: fix what the message names",
        401 or 403 => "this call needs a key: --api-key or MLOPS_API_KEY for the local host (it writes one to ~/.mlops/api-key), " +
            "--function-key or MLOPS_FUNCTION_KEY for the Functions app",
        404 => "check the name or id: `mlops models` lists the models, `mlops runs <model>` a model's runs",
        409 or 412 => "it changed meanwhile: read it again, then retry",
        413 => "send fewer rows per request, or drop a file in scoring/{model}/ for batch scoring",
        >= 500 => "the host failed: its log has the details",
        _ => "see the message",
    };
}
