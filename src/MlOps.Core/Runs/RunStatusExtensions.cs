namespace MlOps.Core.Runs;

public static class RunStatusExtensions
{
    public static bool IsTerminal(this RunStatus status) => status is not (RunStatus.Running or RunStatus.WaitingForApproval);
}
