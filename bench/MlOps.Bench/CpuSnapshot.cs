namespace MlOps.Bench;

/// <summary>CPU seconds used so far (see <see cref="ProcessCpu"/>); subtracting two gives where the cores went in between.</summary>
internal sealed record CpuSnapshot(double Self, double Children, double ReapedChildren, double Machine)
{
    /// <summary>Average cores used between <paramref name="before"/> and this snapshot: this process, its running children, its reaped children, everything else.</summary>
    public (double Self, double Children, double Reaped, double Others) CoresSince(CpuSnapshot before, double seconds)
    {
        ArgumentNullException.ThrowIfNull(before);
        double self = (Self - before.Self) / seconds, children = (Children - before.Children) / seconds, reaped = (ReapedChildren - before.ReapedChildren) / seconds;
        return (self, children, reaped, Math.Max(0, ((Machine - before.Machine) / seconds) - self - children - reaped));
    }
}
