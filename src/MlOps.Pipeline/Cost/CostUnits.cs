using System.Globalization;
using MlOps.Core.Cost;
using MlOps.Core.Runs;

namespace MlOps.Pipeline.Cost;

/// <summary>The ledger units of the pipeline's work: a run's steps and candidates, a monitor run's activities.</summary>
public static class CostUnits
{
    public static CostAttribution RunStep(string runId, string stage, string unit) => new()
    {
        Id = $"{runId}|{stage}|{unit}", Model = RunIds.ModelOf(runId), Kind = CostKind.RunStep, Stage = stage, Unit = unit, RunId = runId,
    };

    public static CostAttribution Candidate(string runId, int index, string candidateId) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"{runId}|{CostStages.Train}|candidate-{index:D4}"), Model = RunIds.ModelOf(runId),
        Kind = CostKind.Candidate, Stage = CostStages.Train, Unit = candidateId, RunId = runId, CandidateIndex = index,
    };

    public static CostAttribution Orchestration(string runId) => RunStep(runId, CostStages.Orchestration, "replays") with { Kind = CostKind.Orchestration };

    public static CostAttribution Monitor(string model, string monitorId, string unit) => new()
    {
        Id = $"{monitorId}|{unit}", Model = model, Kind = CostKind.Monitor, Stage = CostStages.Monitor, Unit = unit, MonitorId = monitorId,
    };
}
