namespace MlOps.Core.Data.Csv;

/// <summary>Guesses a CSV dialect from a sample, so a file read with the wrong delimiter can be reported as such.</summary>
public static class CsvDialectSniffer
{
    /// <summary>The delimiters people actually use, in order of preference when counts tie.</summary>
    public static IReadOnlyList<byte> CandidateDelimiters { get; } = [(byte)',', (byte)';', (byte)'\t', (byte)'|'];

    /// <summary>
    /// The candidate delimiter that occurs most often outside quotes in <paramref name="firstLine"/>, or null
    /// when none occurs (a genuine one-column file).
    /// </summary>
    public static byte? GuessDelimiter(ReadOnlySpan<byte> firstLine)
    {
        Span<int> counts = stackalloc int[CandidateDelimiters.Count];
        bool inQuotes = false;
        foreach (byte b in firstLine)
        {
            if (b == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (b is (byte)'\n' or (byte)'\r' && !inQuotes)
            {
                break;
            }
            else if (!inQuotes)
            {
                for (int i = 0; i < counts.Length; i++)
                {
                    if (b == CandidateDelimiters[i])
                    {
                        counts[i]++;
                    }
                }
            }
        }

        int best = -1;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0 && (best < 0 || counts[i] > counts[best]))
            {
                best = i;
            }
        }

        return best < 0 ? null : CandidateDelimiters[best];
    }

    /// <summary>How a delimiter byte reads in a message: tab and other invisible bytes are spelled out.</summary>
    public static string Describe(byte delimiter) => delimiter switch
    {
        (byte)'\t' => "'\\t' (tab)",
        >= 0x20 and < 0x7F => $"'{(char)delimiter}'",
        _ => $"byte 0x{delimiter:X2}",
    };
}
