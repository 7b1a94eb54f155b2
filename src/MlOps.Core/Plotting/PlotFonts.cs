using ScottPlot;
using SkiaSharp;

namespace MlOps.Core.Plotting;

/// <summary>
/// The typeface every plot of the product draws its text with, shipped inside this assembly (DejaVu Sans, from
/// Debian's fonts-dejavu-core; license in Plotting/Fonts/LICENSE). SkiaSharp's Linux build only looks for fonts
/// under /usr/share/fonts, which Azure Functions images and slim containers need not have; without a font, titles
/// and tick labels are silently left blank.
/// </summary>
public static class PlotFonts
{
    /// <summary>The family name plots ask for.</summary>
    public const string Family = "DejaVu Sans";

    private const string Resource = "MlOps.Core.Plotting.Fonts.DejaVuSans.ttf";

    private static readonly Lazy<SKData> Data = new(Load);

    private static readonly Lazy<bool> Registered = new(Register);

    /// <summary>Makes the shipped typeface the one ScottPlot resolves first and the default of new plots (once per process), and sets it on <paramref name="plot"/>.</summary>
    public static void Apply(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        _ = Registered.Value;
        plot.Font.Set(Family);
    }

    private static bool Register()
    {
        // First in the list: the system resolver answers for any name, with an empty typeface when the machine has none.
        Fonts.FontResolvers.Insert(0, new EmbeddedResolver());
        Fonts.Default = Family;
        return true;
    }

    private static SKData Load()
    {
        using Stream stream = typeof(PlotFonts).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded font {Resource}.");
        return SKData.Create(stream);
    }

    /// <summary>Answers for <see cref="Family"/> with the shipped regular face, whatever weight or slant is asked for (ScottPlot caches what it returns).</summary>
    private sealed class EmbeddedResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => Create(fontName);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Create(fontName);

        private static SKTypeface? Create(string fontName) =>
            string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase) ? SKTypeface.FromData(Data.Value) : null;
    }
}
