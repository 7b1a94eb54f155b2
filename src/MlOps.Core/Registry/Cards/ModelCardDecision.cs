using MlOps.Core.Evaluation;
using MlOps.Core.Runs;

namespace MlOps.Core.Registry.Cards;

/// <summary>The run's outcome for this version: its status (succeeded, not promoted, rejected, waiting for approval), why, and the gate's evidence.</summary>
public sealed record ModelCardDecision(RunStatus Status, string? Reason, GateDecision? Gate);
