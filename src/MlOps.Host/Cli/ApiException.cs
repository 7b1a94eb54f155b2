namespace MlOps.Host.Cli;

/// <summary>An API call answered with an error status; the message is the server's explanation.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, string detail)
        : base($"HTTP {status}: {detail}") => Status = status;

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
}
