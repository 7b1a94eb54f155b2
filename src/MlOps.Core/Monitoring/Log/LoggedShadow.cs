namespace MlOps.Core.Monitoring.Log;

/// <summary>What the shadow alias answered for a logged row.</summary>
public sealed record LoggedShadow
{
    public string Alias { get; init; } = string.Empty;

    public int Version { get; init; }

    public LoggedOutput? Prediction { get; init; }
}
