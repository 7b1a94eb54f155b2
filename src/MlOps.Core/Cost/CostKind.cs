using System.Text.Json.Serialization;

namespace MlOps.Core.Cost;

/// <summary>What a ledger entry is the cost of.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CostKind>))]
public enum CostKind
{
    /// <summary>An activity of a training run (ingest, plan, evaluate, deploy, promote, status).</summary>
    RunStep,

    /// <summary>One candidate of a run's search.</summary>
    Candidate,

    /// <summary>A run's orchestrator executions (one per replay).</summary>
    Orchestration,

    /// <summary>An activity of a monitor run.</summary>
    Monitor,

    /// <summary>A model version's requests in one hour on one instance.</summary>
    Serving,

    /// <summary>A batch scoring file.</summary>
    BatchScoring,

    /// <summary>An instance's hour of work no model asked for: the durable backend's polling and history, the API's reads.</summary>
    Overhead,
}
