using System.Globalization;

namespace MlOps.Core.Data.Csv;

/// <summary>
/// Parses invariant-culture decimal numbers from UTF-8. Most CSV numbers are short decimals, which take
/// Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are both exact doubles, so one
/// IEEE multiply or divide rounds correctly, giving the same bits as <see cref="double.Parse(string)"/>.
/// Anything else goes to the runtime's parser.
/// </summary>
internal static class Utf8DoubleParser
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <paramref name="text"/> (surrounding spaces allowed); false for anything that is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        text = Trim(text);
        if (TryParseFast(text, out value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
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

    private static bool TryParseFast(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
        {
            negative = s[i] == (byte)'-';
            i++;
        }

        ulong mantissa = 0;
        int significantDigits = 0;
        int digitsSeen = 0;
        int exponent = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - (byte)'0');
            if (d > 9)
            {
                break;
            }

            digitsSeen++;
            if (mantissa != 0 || d != 0)
            {
                if (++significantDigits > 19)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + d;
            }
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            for (; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - (byte)'0');
                if (d > 9)
                {
                    break;
                }

                digitsSeen++;
                exponent--;
                if (mantissa != 0 || d != 0)
                {
                    if (++significantDigits > 19)
                    {
                        return false;
                    }

                    mantissa = (mantissa * 10) + d;
                }
            }
        }

        if (digitsSeen == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            if (!TryParseExponent(s[(i + 1)..], out int explicitExponent))
            {
                return false;
            }

            exponent += explicitExponent;
            i = s.Length;
        }

        if (i != s.Length || mantissa > MaxExactMantissa)
        {
            return false;
        }

        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }

        if (exponent < -22 || exponent > 22)
        {
            return false;
        }

        double magnitude = exponent >= 0 ? mantissa * PowersOfTen[exponent] : mantissa / PowersOfTen[-exponent];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> s, out int exponent)
    {
        exponent = 0;
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
        {
            negative = s[i] == (byte)'-';
            i++;
        }

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
