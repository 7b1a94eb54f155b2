namespace MlOps.Core.Serving;

/// <summary>A prediction request that does not fit the model's schema; the message names the row and column.</summary>
public sealed class PredictionInputException : Exception
{
    public PredictionInputException()
    {
    }

    public PredictionInputException(string message)
        : base(message)
    {
    }

    public PredictionInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
