namespace MlOps.Core.Specs;

/// <summary>How a dataset is split into train/validation/test: stratified for classification, seeded.</summary>
public sealed record SplitSpec
{
    public double Validation { get; init; } = 0.15;

    public double Test { get; init; } = 0.2;

    public int Seed { get; init; } = 42;
}
