using System.Globalization;

namespace MlOps.Core.Training;

/// <summary>
/// When the training sweep stops starting candidates. Candidates start in waves (training.maxParallel at a time);
/// before each wave its projected time and cost are added to what was spent so far. Pure functions of their inputs,
/// so the orchestrator can call them and stay deterministic.
/// </summary>
public static class CandidateWaves
{
    /// <summary>
    /// training.maxWallTime: the time since training began plus the next wave projected at the finished waves' mean
    /// time; null (start it) before any wave finished or while within the limit.
    /// </summary>
    public static string? TimeStopReason(TimeSpan maxWallTime, TimeSpan elapsed, IReadOnlyList<TimeSpan> finishedWaves)
    {
        ArgumentNullException.ThrowIfNull(finishedWaves);
        if (finishedWaves.Count == 0)
        {
            return null;
        }

        var projected = TimeSpan.FromTicks((long)finishedWaves.Average(t => t.Ticks));
        return elapsed + projected > maxWallTime
            ? string.Create(CultureInfo.InvariantCulture,
                $"skipped: training.maxWallTime {maxWallTime} — {elapsed.TotalSeconds:F1} s spent + the next wave projected at {projected.TotalSeconds:F1} s (mean of {finishedWaves.Count} wave(s)) would pass it")
            : null;
    }

    /// <summary>
    /// budget.perRun: the run's spending so far plus the next wave's size times the mean measured cost of its finished
    /// candidates (nothing before any finished, so the first wave stops only when the run already spent its budget).
    /// </summary>
    public static string? BudgetStopReason(double limit, double spent, double meanCandidateCost, int candidatesMeasured, int waveSize, string currency)
    {
        double projected = meanCandidateCost * waveSize;
        return spent + projected > limit
            ? string.Create(CultureInfo.InvariantCulture,
                $"skipped: budget.perRun {limit:G6} {currency} — {spent:G6} spent + the next {waveSize} candidate(s) projected at {projected:G6} (mean of {candidatesMeasured} finished) would pass it")
            : null;
    }
}
