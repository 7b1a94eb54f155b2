namespace MlOps.Core.Monitoring.Drift;

/// <summary>How a column is compared: as numbers (samples) or as categories (counts).</summary>
public enum DriftColumnKind
{
    Numeric,
    Categorical,
}
