using MlOps.Core.Monitoring.Decay;

namespace MlOps.Core.Monitoring;

/// <summary>What a decay check of one window found: the report, or why none was made.</summary>
public sealed record DecayCheck(string Model, DecayReport? Report, string? SkippedBecause)
{
    public bool Decayed => Report?.Decayed == true;
}
