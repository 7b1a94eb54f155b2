using ScottPlot;
using SkiaSharp;

namespace MlOps.Core.Plotting;

/// <summary>Renders ScottPlot figures to PNG headless, on a SkiaSharp raster surface with a white background.</summary>
internal static class PlotImage
{
    public static byte[] ToPng(Multiplot multiplot, int width, int height)
    {
        using SKSurface surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.White);
        multiplot.Render(surface.Canvas, new PixelRect(0, width, height, 0));
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
