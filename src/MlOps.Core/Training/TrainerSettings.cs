using Microsoft.ML;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>What a trainer factory gets: the context, the task, the candidate's resolved hyperparameters, the seed and the example weight column.</summary>
internal sealed class TrainerSettings
{
    private readonly IReadOnlyDictionary<string, double> _parameters;

    public TrainerSettings(MLContext ml, ModelTask task, IReadOnlyDictionary<string, double> parameters, int seed, string? weightColumn = null)
    {
        Ml = ml;
        Task = task;
        _parameters = parameters;
        Seed = seed;
        WeightColumn = weightColumn;
    }

    public MLContext Ml { get; }

    public ModelTask Task { get; }

    public int Seed { get; }

    /// <summary>The column of per-row weights (class weights), or null when every row weighs the same.</summary>
    public string? WeightColumn { get; }

    public double Double(string name) => _parameters[name];

    public float Single(string name) => (float)_parameters[name];

    public int Int(string name) => (int)_parameters[name];

    public bool Flag(string name) => _parameters[name] != 0;
}
