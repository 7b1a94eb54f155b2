namespace MlOps.Host.Cli;

/// <summary>Where a stage of a run stands in the progress view.</summary>
public enum StageStatus
{
    Pending,
    Running,
    Done,
    Failed,

    /// <summary>The run ended before the stage ran.</summary>
    Skipped,
}
