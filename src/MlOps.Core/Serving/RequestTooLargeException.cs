namespace MlOps.Core.Serving;

/// <summary>A prediction request over the configured size limit.</summary>
public sealed class RequestTooLargeException : Exception
{
    public RequestTooLargeException()
    {
    }

    public RequestTooLargeException(string message)
        : base(message)
    {
    }

    public RequestTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
