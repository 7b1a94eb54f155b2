using System.Buffers.Binary;
using System.Globalization;

namespace MlOps.Core.Data.Csv;

/// <summary>
/// Parses invariant-culture decimal numbers from UTF-8, correctly rounded (the same bits as
/// <see cref="double.Parse(string)"/>). Short decimals take Clinger's fast path: a significand below 2^53 and a
/// power of ten up to 10^22 are exact doubles, so one IEEE multiply or divide rounds correctly. Up to 19
/// significant digits (full round-trip spellings included) go through <see cref="EiselLemire"/>. Anything else
/// (longer significands, "Infinity", "NaN") goes to the runtime's parser.
/// </summary>
internal static class Utf8DoubleParser
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>2^53: from here on, not every integer has a double of its own.</summary>
    public const double ExactIntegerLimit = 9007199254740992d;

    /// <summary>
    /// Whether <paramref name="text"/>, already parsed to <paramref name="value"/>, is a whole number written in digits that
    /// a double cannot hold exactly (2^53 or more in magnitude): a 64-bit id or key, which must stay text to stay itself.
    /// </summary>
    public static bool IsInexactInteger(ReadOnlySpan<byte> text, double value)
    {
        if (Math.Abs(value) < ExactIntegerLimit)
        {
            return false;
        }

        ReadOnlySpan<byte> digits = text.Length > 0 && text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        return !digits.IsEmpty && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    /// <summary>Parses <paramref name="text"/> (surrounding spaces allowed); false for anything that is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value) => TryParseTrimmed(Trim(text), out value);

    /// <summary>
    /// Whether <paramref name="text"/> is a number already in a plain spelling: an optional '-', digits with at most
    /// one '.' (at least one digit), an optional exponent of one or two digits (optionally negative), nothing else,
    /// at most 24 bytes. Such text parses to a finite number (24 digits and an exponent below 100 stay far inside the
    /// double range), so a writer that copies it as written can skip parsing it: a syntax check, much cheaper.
    /// </summary>
    public static bool IsPlainDecimal(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text.Length > 24)
        {
            return false;
        }

        int i = text[0] == (byte)'-' ? 1 : 0;
        int digits = 0;
        bool point = false;
        for (; i < text.Length; i++)
        {
            byte b = text[i];
            if ((uint)(b - (byte)'0') <= 9)
            {
                digits++;
            }
            else if (b == (byte)'.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i == text.Length)
        {
            return true;
        }

        if (text[i] is not ((byte)'e' or (byte)'E'))
        {
            return false;
        }

        i++;
        if (i < text.Length && text[i] == (byte)'-')
        {
            i++;
        }

        if (text.Length - i is < 1 or > 2)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            if ((uint)(text[i] - (byte)'0') > 9)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses text whose surrounding spaces are already trimmed.</summary>
    public static bool TryParseTrimmed(ReadOnlySpan<byte> text, out double value) => TryParseTrimmed(text, out value, out _);

    /// <summary>
    /// <see cref="TryParseTrimmed(ReadOnlySpan{byte}, out double)"/>, also saying whether the text is known to be
    /// <see cref="IsPlainDecimal"/> without a second look at its bytes. False is not a no: a plain spelling the fast
    /// path does not take (more than 19 significant digits) reports false.
    /// </summary>
    public static bool TryParseTrimmed(ReadOnlySpan<byte> text, out double value, out bool plain)
    {
        if (TryParseFast(text, out value, out plain))
        {
            return true;
        }

        plain = false;
        return MayBeRuntimeNumber(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Whether text the fast path rejected might still be a number to the runtime's parser: long significands and
    /// exponents, "Infinity"/"NaN"/"∞", other white space. Plain words ("red", "region-04") are rejected here
    /// because the runtime's parser is slow to say no.
    /// </summary>
    private static bool MayBeRuntimeNumber(ReadOnlySpan<byte> text)
    {
        ReadOnlySpan<byte> unsigned = !text.IsEmpty && text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (unsigned.IsEmpty)
        {
            return false;
        }

        byte first = unsigned[0];
        if (first is (byte)'I' or (byte)'i' or (byte)'N' or (byte)'n' || first >= 0x80 || first < (byte)' ' || text[^1] < (byte)' ')
        {
            return true;
        }

        return (uint)(first - (byte)'0') <= 9 || first == (byte)'.';
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || (!IsSpace(text[0]) && !IsSpace(text[^1])))
        {
            return text;
        }

        int start = 0;
        int end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>The length of a leading '+' or '-' (0 or 1).</summary>
    private static int ReadSign(ReadOnlySpan<byte> s, out bool negative)
    {
        negative = !s.IsEmpty && s[0] == (byte)'-';
        return !s.IsEmpty && s[0] is (byte)'-' or (byte)'+' ? 1 : 0;
    }

    /// <param name="plain">On success, whether <paramref name="s"/> is <see cref="IsPlainDecimal"/>: the fast path's grammar
    /// less a '+' sign, an exponent of other than one or two digits (or with a '+'), and more than 24 bytes.</param>
    private static bool TryParseFast(ReadOnlySpan<byte> s, out double value, out bool plain)
    {
        value = 0;
        int i = ReadSign(s, out bool negative);
        plain = s.Length <= 24 && (i == 0 || negative);
        int digitsStart = i;
        while (i < s.Length && s[i] == (byte)'0')
        {
            i++;
        }

        // Digits accumulate without an overflow check; more than 19 significant digits go to the slow parser below.
        ulong mantissa = 0;
        int significantStart = i;
        i = AccumulateDigits(s, i, ref mantissa);

        int significantDigits = i - significantStart;
        int exponent = 0;
        bool sawDigits = i > digitsStart;
        if (i < s.Length && s[i] == (byte)'.')
        {
            int fractionStart = ++i;
            if (mantissa == 0)
            {
                while (i < s.Length && s[i] == (byte)'0')
                {
                    i++;
                }
            }

            int fractionSignificantStart = i;
            i = AccumulateDigits(s, i, ref mantissa);

            significantDigits += i - fractionSignificantStart;
            exponent = fractionStart - i;
            sawDigits |= i > fractionStart;
        }

        if (!sawDigits || significantDigits > 19)
        {
            return false;
        }

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            ReadOnlySpan<byte> exponentText = s[(i + 1)..];
            if (!TryParseExponent(exponentText, out int explicitExponent))
            {
                return false;
            }

            plain &= exponentText[0] switch
            {
                (byte)'-' => exponentText.Length is 2 or 3,
                (byte)'+' => false,
                _ => exponentText.Length is 1 or 2,
            };

            exponent += explicitExponent;
            i = s.Length;
        }

        if (i != s.Length)
        {
            return false;
        }

        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }

        if (mantissa > MaxExactMantissa || exponent < -22 || exponent > 22)
        {
            value = EiselLemire.Compute(mantissa, exponent, negative);
            return true;
        }

        double magnitude = exponent >= 0 ? mantissa * PowersOfTen[exponent] : mantissa / PowersOfTen[-exponent];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// Appends the run of digits at <paramref name="i"/> to <paramref name="mantissa"/> (wrapping past 19 digits, which
    /// the caller rejects) and returns the index after it. Eight digits at a time where possible (SWAR, as in fast_float).
    /// </summary>
    private static int AccumulateDigits(ReadOnlySpan<byte> s, int i, ref ulong mantissa)
    {
        while (i + 8 <= s.Length)
        {
            ulong chunk = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
            if ((((chunk + 0x4646464646464646) | (chunk - 0x3030303030303030)) & 0x8080808080808080) != 0)
            {
                break;
            }

            mantissa = (mantissa * 100_000_000) + ParseEightDigits(chunk);
            i += 8;
        }

        uint digit;
        while (i < s.Length && (digit = (uint)(s[i] - (byte)'0')) <= 9)
        {
            mantissa = (mantissa * 10) + digit;
            i++;
        }

        return i;
    }

    private static uint ParseEightDigits(ulong chunk)
    {
        const ulong mask = 0x000000FF000000FF;
        const ulong multiplier1 = 0x000F424000000064; // 100 + (1000000 << 32)
        const ulong multiplier2 = 0x0000271000000001; // 1 + (10000 << 32)
        chunk -= 0x3030303030303030;
        chunk = (chunk * 10) + (chunk >> 8);
        return (uint)((((chunk & mask) * multiplier1) + (((chunk >> 16) & mask) * multiplier2)) >> 32);
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> s, out int exponent)
    {
        exponent = 0;
        int i = ReadSign(s, out bool negative);
        if (i == s.Length || s.Length - i > 4)
        {
            return false;
        }

        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - (byte)'0');
            if (d > 9)
            {
                return false;
            }

            exponent = (exponent * 10) + (int)d;
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }
}
