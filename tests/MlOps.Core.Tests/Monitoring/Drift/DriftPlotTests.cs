using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using SkiaSharp;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Drift;

public sealed class DriftPlotTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task RenderPng_MixedColumns_DrawsAGridOfTheMostDriftedAsPng()
    {
        Table reference = Mixed(800, numeric: 3, seed: 1);
        Table current = Mixed(400, numeric: 3, seed: 2, colorWeights: [0.1, 0.2, 0.3, 0.4], shift: 0.7);
        (DriftReport report, DatasetProfile profile, WindowAccumulator accumulator) = await AnalyzeAsync(reference, current, MixedLayout(reference, 3));

        byte[] png = DriftPlot.RenderPng(report, profile, accumulator, top: 4);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal((2 * DriftPlot.PanelWidth, 2 * DriftPlot.PanelHeight), Dimensions(png));
        AssertDrawsBothSides(png);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "mlops-drift-plot-mixed.png"), png);
    }

    [Fact]
    public async Task RenderPng_NumericOnly_Renders()
    {
        Table data = BreastCancer();
        (Table reference, Table current) = Split(data, 0.8, seed: 3);
        (DriftReport report, DatasetProfile profile, WindowAccumulator accumulator) = await AnalyzeAsync(reference, current, BreastCancerLayout(data));

        byte[] png = DriftPlot.RenderPng(report, profile, accumulator, top: 3);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal((2 * DriftPlot.PanelWidth, 2 * DriftPlot.PanelHeight), Dimensions(png));
        AssertDrawsBothSides(png);
    }

    [Fact]
    public async Task RenderPng_CategoricalOnly_Renders()
    {
        Table reference = Mixed(500, numeric: 0, seed: 1);
        Table current = Mixed(200, numeric: 0, seed: 2, colors: ["red", "purple", "green"], colorWeights: [0.3, 0.3, 0.4]);
        (DriftReport report, DatasetProfile profile, WindowAccumulator accumulator) = await AnalyzeAsync(reference, current, MixedLayout(reference, 0));

        byte[] png = DriftPlot.RenderPng(report, profile, accumulator, top: 1);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal((DriftPlot.PanelWidth, DriftPlot.PanelHeight), Dimensions(png));
        AssertDrawsBothSides(png);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "mlops-drift-plot-categorical.png"), png);
    }

    [Fact]
    public async Task RenderPng_NoComparedColumn_RendersOnePanelSayingSo()
    {
        Table reference = Mixed(100, numeric: 1, seed: 1);
        (DriftReport report, DatasetProfile profile, WindowAccumulator accumulator) = await AnalyzeAsync(reference, reference with { Rows = [] }, MixedLayout(reference, 1));

        byte[] png = DriftPlot.RenderPng(report, profile, accumulator);

        Assert.Equal(0, report.ColumnsCompared);
        Assert.Equal((DriftPlot.PanelWidth, DriftPlot.PanelHeight), Dimensions(png));
    }

    private static async Task<(DriftReport, DatasetProfile, WindowAccumulator)> AnalyzeAsync(Table reference, Table current, FeatureLayout layout)
    {
        DatasetProfile profile = await ProfileAsync(reference);
        var accumulator = WindowAccumulator.For(layout, new DriftSpec());
        foreach (LoggedPrediction row in Logged(current, layout.Label))
        {
            accumulator.Add(row);
        }

        var context = new DriftContext { Model = "m", Window = new MonitoringWindow(Start, Start.AddDays(1)) };
        return (DriftAnalyzer.Analyze(profile, layout, accumulator, new DriftSpec(), context), profile, accumulator);
    }

    /// <summary>
    /// Decodes the PNG and checks that a fair share of it is drawn in the reference's blue and the current's orange
    /// (text needs a system font, which a bare machine may lack, so the check looks at the bars).
    /// </summary>
    private static void AssertDrawsBothSides(byte[] png)
    {
        using SKBitmap bitmap = SKBitmap.Decode(png);
        int blue = 0, orange = 0;
        foreach (SKColor pixel in bitmap.Pixels)
        {
            blue += pixel.Blue > pixel.Red + 40 ? 1 : 0;
            orange += pixel.Red > pixel.Blue + 60 ? 1 : 0;
        }

        int area = bitmap.Width * bitmap.Height;
        Assert.True(blue > area / 200, $"{blue} reference-coloured pixels of {area}");
        Assert.True(orange > area / 200, $"{orange} current-coloured pixels of {area}");
    }

    /// <summary>Width and height from the PNG's IHDR chunk (big-endian, right after the signature and chunk header).</summary>
    private static (int Width, int Height) Dimensions(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
