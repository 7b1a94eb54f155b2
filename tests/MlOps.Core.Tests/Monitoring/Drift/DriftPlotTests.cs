using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Drift;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using MlOps.Testing;
using SkiaSharp;
using static MlOps.Core.Tests.Monitoring.MonitoringData;

namespace MlOps.Core.Tests.Monitoring.Drift;

public sealed class DriftPlotTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // The first rows of a panel, above its data area: the title's band.
    private const int TitleBand = 24;

    // A short title in 13 px type darkens a few hundred pixels; without a font, none.
    private const int MinimumTitleInk = 100;

    [Fact]
    public async Task RenderPng_MixedColumns_DrawsAGridOfTheMostDriftedAsPng()
    {
        Table reference = Mixed(800, numeric: 3, seed: 1);
        Table current = Mixed(400, numeric: 3, seed: 2, colorWeights: [0.1, 0.2, 0.3, 0.4], shift: 0.7);
        (DriftReport report, DatasetProfile profile, WindowAccumulator accumulator) = await DriftPlotSample.AnalyzeAsync(reference, current, MixedLayout(reference, 3));

        byte[] png = DriftPlot.RenderPng(report, profile, accumulator, top: 4);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal((2 * DriftPlot.PanelWidth, 2 * DriftPlot.PanelHeight), Dimensions(png));
        AssertDrawsBothSides(png);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "mlops-drift-plot-mixed.png"), png);
    }

    [Fact]
    public async Task RenderPng_NumericOnly_Renders()
    {
        byte[] png = await DriftPlotSample.RenderBreastCancerAsync();

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal((2 * DriftPlot.PanelWidth, 2 * DriftPlot.PanelHeight), Dimensions(png));
        AssertDrawsBothSides(png);
        Assert.True(TitleInk(png) > MinimumTitleInk, $"{TitleInk(png)} dark pixels where the first panel's title goes");
    }

    /// <summary>
    /// In a child process that sees no system font at all (a private mount namespace with an empty directory over
    /// /usr/share/fonts, the only place SkiaSharp's Linux build looks), the plot's titles are still drawn, with the
    /// typeface the product ships.
    /// </summary>
    [Fact]
    public async Task RenderPng_ProcessWithoutSystemFonts_DrawsTitlesWithTheShippedFont()
    {
        DirectoryInfo work = Directory.CreateTempSubdirectory("mlops-nofonts-");
        try
        {
            string output = Path.Combine(work.FullName, "plot.png");
            string emptyFonts = work.CreateSubdirectory("fonts").FullName;
            ChildProcessResult run = await ChildProcess.RunAsync("unshare",
            [
                "--mount", "--map-root-user", "sh", "-c", """[ ! -d /usr/share/fonts ] || mount --bind "$0" /usr/share/fonts && exec "$@" """, emptyFonts,
                ChildProcess.DotNet, "exec", typeof(Program).Assembly.Location, "render-drift-plot", output,
            ]);

            Assert.True(run.ExitCode == 0, $"the child failed ({run.ExitCode}); it needs unshare (util-linux) with user namespaces: {run.StandardError}");
            Assert.Contains("system font families: 0", run.StandardOutput, StringComparison.Ordinal);
            byte[] png = await File.ReadAllBytesAsync(output);
            AssertDrawsBothSides(png);
            Assert.True(TitleInk(png) > MinimumTitleInk, $"{TitleInk(png)} dark pixels where the first panel's title goes");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
    [Fact]
    public async Task RenderPng_CategoricalOnly_Renders()
    {
        Table reference = Mixed(500, numeric: 0, seed: 1);
        Table current = Mixed(200, numeric: 0, seed: 2, colors: ["red", "purple", "green"], colorWeights: [0.3, 0.3, 0.4]);
        (DriftReport report, DatasetProfile profile, WindowAccumulator accumulator) = await DriftPlotSample.AnalyzeAsync(reference, current, MixedLayout(reference, 0));

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
        (DriftReport report, DatasetProfile profile, WindowAccumulator accumulator) = await DriftPlotSample.AnalyzeAsync(reference, reference with { Rows = [] }, MixedLayout(reference, 1));

        byte[] png = DriftPlot.RenderPng(report, profile, accumulator);

        Assert.Equal(0, report.ColumnsCompared);
        Assert.Equal((DriftPlot.PanelWidth, DriftPlot.PanelHeight), Dimensions(png));
    }

    /// <summary>
    /// Decodes the PNG and checks that a fair share of it is drawn in the reference's blue and the current's orange
    /// (the title checks look at the text).
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

    /// <summary>
    /// Dark pixels in the band above the first panel's data area, where only its title is drawn: none when text cannot
    /// be drawn (bars are blue and orange, frames start below the band).
    /// </summary>
    private static int TitleInk(byte[] png)
    {
        using SKBitmap bitmap = SKBitmap.Decode(png);
        int ink = 0;
        for (int y = 0; y < TitleBand; y++)
        {
            for (int x = 0; x < DriftPlot.PanelWidth; x++)
            {
                SKColor pixel = bitmap.GetPixel(x, y);
                ink += Math.Max(pixel.Red, Math.Max(pixel.Green, pixel.Blue)) < 110 ? 1 : 0;
            }
        }

        return ink;
    }

    /// <summary>Width and height from the PNG's IHDR chunk (big-endian, right after the signature and chunk header).</summary>
    private static (int Width, int Height) Dimensions(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
