namespace MlOps.Core.Specs;

/// <summary>One trainer of the search space and its hyperparameters (name → value), e.g. FastTree with numberOfTrees.</summary>
public sealed record TrainerSpec
{
    public string Name { get; init; } = "FastTree";

    public Dictionary<string, double> Parameters { get; init; } = [];
}
