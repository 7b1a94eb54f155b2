namespace MlOps.Core.Specs;

/// <summary>
/// One trainer of the search space: fixed hyperparameters, and a grid of values to search (name → values).
/// E.g. LightGbm with parameters { "numberOfIterations": 200 } and search { "numberOfLeaves": [15, 31, 63] }.
/// </summary>
public sealed record TrainerSpec
{
    public string Name { get; init; } = "FastTree";

    public Dictionary<string, double> Parameters { get; init; } = [];

    public Dictionary<string, List<double>> Search { get; init; } = [];
}
