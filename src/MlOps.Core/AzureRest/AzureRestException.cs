namespace MlOps.Core.AzureRest;

/// <summary>An Azure REST call that failed: which service, the HTTP status, and Azure's own error code and message.</summary>
public sealed class AzureRestException : Exception
{
    public AzureRestException(string service, int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Service = service;
        Status = status;
        ErrorCode = errorCode;
    }

    public AzureRestException()
        : this("Azure", 0, null, "An Azure REST call failed.")
    {
    }

    public AzureRestException(string message)
        : this("Azure", 0, null, message)
    {
    }

    public AzureRestException(string message, Exception innerException)
        : this("Azure", 0, null, message, innerException)
    {
    }

    /// <summary>The API that answered (Cost Management, Azure Monitor Metrics, Log Analytics, Retail Prices).</summary>
    public string Service { get; }

    /// <summary>The HTTP status; 0 when no answer came (network) or the answer could not be read.</summary>
    public int Status { get; }

    /// <summary>Azure's error code (error.code), e.g. AuthorizationFailed or 429's TooManyRequests.</summary>
    public string? ErrorCode { get; }
}
