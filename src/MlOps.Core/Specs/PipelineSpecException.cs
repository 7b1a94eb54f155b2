namespace MlOps.Core.Specs;

/// <summary>A spec that cannot be used; the message names the field and the problem.</summary>
public sealed class PipelineSpecException : Exception
{
    public PipelineSpecException(string field, string problem)
        : base($"Invalid pipeline spec: '{field}' {problem}")
    {
        Field = field;
        Problem = problem;
    }

    public PipelineSpecException()
    {
        Field = string.Empty;
        Problem = string.Empty;
    }

    public PipelineSpecException(string message)
        : base(message)
    {
        Field = string.Empty;
        Problem = message;
    }

    public PipelineSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
        Problem = message;
    }

    public string Field { get; }

    public string Problem { get; }
}
