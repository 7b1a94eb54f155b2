using System.Globalization;
using MlOps.Core.Plotting;
using ScottPlot;

namespace MlOps.Core.Cost;

/// <summary>
/// Cost per day as two stacked bar charts, one split by model and one by stage, over the days asked for (days
/// without cost are drawn empty). Headless, as the drift plots are: text needs a system font (Debian: fonts-dejavu-core).
/// </summary>
public static class CostPlot
{
    public const int Width = 1000;

    public const int PanelHeight = 380;

    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static byte[] RenderPng(IReadOnlyList<CostDay> days, string from, string to, string currency, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(days);
        string[] labels = [.. Days(from, to)];
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Rows();
        string scope = model ?? "all models";
        Draw(multiplot.GetPlot(0), labels, days, d => d.Model, $"{scope}: cost per day by model ({currency})");
        Draw(multiplot.GetPlot(1), labels, days, d => d.Stage, $"{scope}: cost per day by stage ({currency})");
        return PlotImage.ToPng(multiplot, Width, PanelHeight * 2);
    }

    private static void Draw(Plot plot, string[] labels, IReadOnlyList<CostDay> days, Func<CostDay, string> seriesOf, string title)
    {
        var index = labels.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i, StringComparer.Ordinal);
        double[] stacked = new double[labels.Length];
        string[] series = [.. days.Select(seriesOf).Distinct().OrderBy(s => s, StringComparer.Ordinal)];
        for (int s = 0; s < series.Length; s++)
        {
            var bars = new List<Bar>();
            foreach (CostDay day in days.Where(d => seriesOf(d) == series[s] && index.ContainsKey(d.Day)))
            {
                int i = index[day.Day];
                bars.Add(new Bar
                {
                    Position = i, ValueBase = stacked[i], Value = stacked[i] + day.Cost, FillColor = Color.FromHex(Palette[s % Palette.Length]), LineWidth = 0,
                });
                stacked[i] += day.Cost;
            }

            plot.Add.Bars(bars).LegendText = series[s];
        }

        int step = Math.Max(1, labels.Length / 15);
        double[] ticks = [.. Enumerable.Range(0, labels.Length).Where(i => i % step == 0).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(t => labels[(int)t][5..])]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 50;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title, size: 13);
        plot.ShowLegend(Alignment.UpperLeft);
        if (series.Length == 0)
        {
            plot.Axes.SetLimitsY(0, 1);
        }
    }

    private static IEnumerable<string> Days(string from, string to)
    {
        DateOnly day = DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        DateOnly last = DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (int n = 0; day <= last && n < 366; day = day.AddDays(1), n++)
        {
            yield return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }
}
