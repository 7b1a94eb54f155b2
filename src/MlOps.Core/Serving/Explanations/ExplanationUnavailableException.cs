namespace MlOps.Core.Serving.Explanations;

/// <summary>A model that cannot be explained per prediction (multiclass, or a predictor without trees or weights); the message says why.</summary>
public sealed class ExplanationUnavailableException : Exception
{
    public ExplanationUnavailableException()
    {
    }

    public ExplanationUnavailableException(string message)
        : base(message)
    {
    }

    public ExplanationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
