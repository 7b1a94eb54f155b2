namespace MlOps.Core.Cost.Reconciliation;

/// <summary>A model's cost on one day, in total, by stage and by training run.</summary>
public sealed record ModelDayCost
{
    public required string Model { get; init; }

    public required CostFigures Total { get; init; }

    public Dictionary<string, CostFigures> Stages { get; init; } = [];

    public Dictionary<string, CostFigures> Runs { get; init; } = [];
}
