namespace MlOps.Core.Cost;

/// <summary>What a model version served in an hour on one instance: requests, rows, and what its prediction log took.</summary>
public sealed record ServingCounts
{
    public long Requests { get; init; }

    public long Rows { get; init; }

    /// <summary>Compressed prediction-log bytes appended for this version's rows.</summary>
    public double LogBytes { get; init; }

    /// <summary>Log appends, shared among the versions whose rows were in each appended block.</summary>
    public double LogAppends { get; init; }
}
