using System.Globalization;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Timings of one piece of work run without and with a feature, alternating after a warm-up of each, so a shared
/// machine's load falls on both sides alike; throughput figures in MB/s of the file the work reads.
/// </summary>
internal sealed class AlternatingRuns
{
    private readonly List<double> _without = [];
    private readonly List<double> _with = [];

    private AlternatingRuns(double megabytes) => Megabytes = megabytes;

    public double Megabytes { get; }

    public double BestWithout => Megabytes / _without.Min();

    public double BestWith => Megabytes / _with.Min();

    public double MedianWithout => Megabytes / Median(_without);

    public double MedianWith => Megabytes / Median(_with);

    /// <param name="runSeconds">Runs the work once, with the feature when its argument is true; returns its seconds.</param>
    /// <param name="describeWith">Extra words for the progress line after each pair (what the run with the feature saw).</param>
    public static async Task<AlternatingRuns> MeasureAsync(
        BenchmarkContext context, double megabytes, int repetitions, Func<bool, Task<double>> runSeconds, Func<string>? describeWith = null)
    {
        context.Progress("warm-up runs (not timed)");
        await runSeconds(false);
        await runSeconds(true);
        var runs = new AlternatingRuns(megabytes);
        for (int i = 0; i < repetitions; i++)
        {
            runs._without.Add(await runSeconds(false));
            runs._with.Add(await runSeconds(true));
            context.Progress(string.Create(CultureInfo.InvariantCulture, $"without: {runs._without[^1]:F2} s, with: {runs._with[^1]:F2} s{describeWith?.Invoke()}"));
        }

        return runs;
    }

    public static string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
