using MlOps.Core.Cost;
using MlOps.Core.Runs;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// One timed pipeline run of the cost benchmark: its wall and host CPU time and steps, and with accounting on what the
/// ledger recorded: its cost, its units (ledger rows), every storage request the host metered, and one candidate's row.
/// </summary>
internal sealed record AccountedRun(double Wall, double Cpu, IReadOnlyList<RunStepRecord> Steps, CostSummary? Cost, int Units, long StorageRequests, CostLedgerEntry? CandidateRow);
