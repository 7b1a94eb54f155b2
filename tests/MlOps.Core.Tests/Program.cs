using MlOps.Core.Tests.Monitoring.Drift;
using SkiaSharp;

namespace MlOps.Core.Tests;

/// <summary>
/// The test assembly's entry point (instead of the empty one the test SDK generates), so that a test can run product
/// code in a child process whose environment it controls: `dotnet exec MlOps.Core.Tests.dll render-drift-plot OUT`
/// reports how many font families the process can see and renders a drift plot to OUT.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["render-drift-plot", string output])
        {
            // Skia's font manager lists one unnamed, empty family when it found no font files.
            int named = SKFontManager.Default.FontFamilies.Count(f => !string.IsNullOrEmpty(f));
            Console.WriteLine($"system font families: {named}");
            await File.WriteAllBytesAsync(output, await DriftPlotSample.RenderBreastCancerAsync());
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: render-drift-plot OUTPUT.png");
        return 2;
    }
}
