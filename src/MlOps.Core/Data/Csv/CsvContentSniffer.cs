using System.Globalization;
using System.Text;

namespace MlOps.Core.Data.Csv;

/// <summary>
/// Recognises content that is not CSV text (images, archives, spreadsheets, UTF-16, JSON, HTML) from the first
/// bytes, so the user is told what the file is instead of a confusing parse error on line 1.
/// </summary>
internal static class CsvContentSniffer
{
    private static readonly (byte[] Magic, string What)[] Signatures =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([(byte)'G', (byte)'I', (byte)'F', (byte)'8'], "a GIF image"),
        ([(byte)'P', (byte)'K', 0x03, 0x04], "a ZIP archive (or an .xlsx workbook)"),
        ([0x1F, 0x8B], "a gzip-compressed file"),
        ([(byte)'%', (byte)'P', (byte)'D', (byte)'F'], "a PDF document"),
        ([(byte)'P', (byte)'A', (byte)'R', (byte)'1'], "a Parquet file"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an OLE2 document (such as an .xls workbook)"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "an executable (ELF)"),
        ([0xFF, 0xFE], "UTF-16 text (save it as UTF-8)"),
        ([0xFE, 0xFF], "UTF-16 text (save it as UTF-8)"),
    ];

    /// <summary>A reason the content is not CSV, or null when it may be.</summary>
    public static string? Diagnose(ReadOnlySpan<byte> head)
    {
        foreach ((byte[] magic, string what) in Signatures)
        {
            if (head.StartsWith(magic))
            {
                return $"not a CSV text file: the content looks like {what}";
            }
        }

        int nul = head.IndexOf((byte)0);
        if (nul >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"not a CSV text file: binary content (NUL byte at offset {nul})");
        }

        ReadOnlySpan<byte> start = Utf8DoubleParser.Trim(head);
        if (LooksLikeJson(start))
        {
            return "not a CSV text file: the content looks like JSON";
        }

        return LooksLikeMarkup(start) ? "not a CSV text file: the content looks like XML or HTML" : null;
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> start)
    {
        if (start.IsEmpty || start[0] is not ((byte)'{' or (byte)'['))
        {
            return false;
        }

        ReadOnlySpan<byte> next = Utf8DoubleParser.Trim(start[1..]).TrimStart("\r\n"u8);
        return next.IsEmpty || next[0] is (byte)'"' or (byte)'{' or (byte)'[' or (byte)'}' or (byte)']';
    }

    private static bool LooksLikeMarkup(ReadOnlySpan<byte> start)
    {
        ReadOnlySpan<byte> head = start[..Math.Min(start.Length, 9)];
        return head.StartsWith("<?xml"u8) || Ascii.EqualsIgnoreCase(head, "<!DOCTYPE"u8) || (head.Length >= 5 && Ascii.EqualsIgnoreCase(head[..5], "<html"u8));
    }
}
