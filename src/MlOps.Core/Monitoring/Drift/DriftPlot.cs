using System.Globalization;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Plotting;
using ScottPlot;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// Renders the most drifted features of a report as small multiples, reference versus current: overlaid histograms
/// (shares of values over common bins) for numeric columns, side-by-side bars of category shares for categorical
/// ones, each titled with its deciding statistic. Headless: ScottPlot draws on a SkiaSharp raster surface, whose
/// Linux native library ships with ScottPlot (SkiaSharp.NativeAssets.Linux.NoDependencies); titles and tick
/// labels need a TrueType font under /usr/share/fonts (Debian: fonts-dejavu-core), else they are left blank.
/// </summary>
public static class DriftPlot
{
    public const int PanelWidth = 520;

    public const int PanelHeight = 340;

    private const int HistogramBins = 30;

    /// <summary>Categories drawn per panel; the rest are merged into "(other)".</summary>
    private const int ShownCategories = 12;

    private const int LabelCharacters = 14;

    private static readonly Color ReferenceColor = Color.FromHex("#1f77b4").WithAlpha(0.55);

    private static readonly Color CurrentColor = Color.FromHex("#ff7f0e").WithAlpha(0.55);

    /// <summary>A PNG of the <paramref name="top"/> most drifted compared columns (one panel saying so when none was compared).</summary>
    public static byte[] RenderPng(DriftReport report, DatasetProfile reference, WindowAccumulator current, int top = 4)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        ColumnDrift[] shown = [.. report.Columns.Where(c => c.Skipped is null).Take(top)];
        int panels = Math.Max(shown.Length, 1);
        int columns = panels == 1 ? 1 : 2;
        int rows = (panels + columns - 1) / columns;

        var multiplot = new Multiplot();
        multiplot.AddPlots(panels);
        for (int i = 0; i < panels; i++)
        {
            PlotFonts.Apply(multiplot.GetPlot(i));
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        if (shown.Length == 0)
        {
            multiplot.GetPlot(0).Title(string.Create(CultureInfo.InvariantCulture, $"{report.Model}: no column could be compared"));
        }

        for (int i = 0; i < shown.Length; i++)
        {
            Plot plot = multiplot.GetPlot(i);
            ColumnDrift column = shown[i];
            ColumnProfile profile = reference.Column(column.Column);
            if (column.Kind == DriftColumnKind.Numeric)
            {
                DrawHistograms(plot, AsArray(profile.Numeric!.Sample), current.NumericColumn(column.Column).ToSortedSample());
            }
            else
            {
                CategoricalProfile categories = profile.Categorical!;
                DrawCategories(plot, CategoryAlignment.Align(categories.TopValues, categories.OtherCount, current.CategoricalColumn(column.Column)));
            }

            plot.Title(TitleOf(column), size: 13);
            plot.Axes.Left.Label.Text = "share of values";
            plot.Axes.Left.Label.FontSize = 12;
            plot.ShowLegend(Alignment.UpperRight);
        }

        return PlotImage.ToPng(multiplot, PanelWidth * columns, PanelHeight * rows);
    }

    private static string TitleOf(ColumnDrift column)
    {
        string pValue = column.PValue is double p ? string.Create(CultureInfo.InvariantCulture, $", p = {p:G2}") : string.Empty;
        string verdict = column.Drifted ? "DRIFT" : "no drift";
        return string.Create(CultureInfo.InvariantCulture, $"{column.Column}: {MethodName(column.Method)} {column.Statistic:G3}{pValue} ({verdict})");
    }

    private static string MethodName(DriftMethod? method) => method switch
    {
        DriftMethod.Ks => "KS",
        DriftMethod.ChiSquared => "chi2",
        DriftMethod.Psi => "PSI",
        DriftMethod.Wasserstein => "Wasserstein/std",
        _ => "Jensen-Shannon",
    };

    /// <summary>Both sorted samples as shares over equal-width bins spanning them, the bars overlaid.</summary>
    private static void DrawHistograms(Plot plot, double[] referenceSorted, double[] currentSorted)
    {
        double low = Math.Min(referenceSorted[0], currentSorted[0]);
        double high = Math.Max(referenceSorted[^1], currentSorted[^1]);
        int bins = high > low ? HistogramBins : 1;
        double width = high > low ? (high - low) / bins : 1.0;
        double[] centers = [.. Enumerable.Range(0, bins).Select(b => low + ((b + 0.5) * width))];
        AddBars(plot, centers, Shares(referenceSorted, low, width, bins), width, ReferenceColor, "reference");
        AddBars(plot, centers, Shares(currentSorted, low, width, bins), width, CurrentColor, "current");
    }

    private static double[] Shares(double[] sorted, double low, double width, int bins)
    {
        double[] shares = new double[bins];
        foreach (double value in sorted)
        {
            shares[Math.Clamp((int)((value - low) / width), 0, bins - 1)] += 1.0 / sorted.Length;
        }

        return shares;
    }

    private static void DrawCategories(Plot plot, CategoryAlignment aligned)
    {
        // The reference's most frequent categories, then everything else merged into the last bar.
        int shown = Math.Min(aligned.Labels.Length - 1, ShownCategories);
        string[] labels = [.. aligned.Labels.Take(shown).Select(Shorten), CategoryAlignment.OtherLabel];
        double[] positions = [.. Enumerable.Range(0, labels.Length).Select(i => (double)i)];
        AddBars(plot, [.. positions.Select(p => p - 0.2)], Merge(aligned.Reference, shown), 0.4, ReferenceColor, "reference");
        AddBars(plot, [.. positions.Select(p => p + 0.2)], Merge(aligned.Current, shown), 0.4, CurrentColor, "current");
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 70;
    }

    private static double[] Merge(long[] counts, int shown)
    {
        double total = Math.Max(counts.Sum(), 1);
        double[] shares = new double[shown + 1];
        for (int i = 0; i < counts.Length; i++)
        {
            shares[Math.Min(i, shown)] += counts[i] / total;
        }

        return shares;
    }

    private static void AddBars(Plot plot, double[] positions, double[] values, double size, Color color, string legend)
    {
        var bars = plot.Add.Bars(positions, values);
        foreach (Bar bar in bars.Bars)
        {
            bar.Size = size;
            bar.FillColor = color;
            bar.LineWidth = 0;
        }

        bars.LegendText = legend;
    }

    private static string Shorten(string label) => label.Length <= LabelCharacters ? label : label[..(LabelCharacters - 1)] + "…";

    private static double[] AsArray(IReadOnlyList<double> values) => values as double[] ?? [.. values];
}
