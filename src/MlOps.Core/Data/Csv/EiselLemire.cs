using System.Numerics;

namespace MlOps.Core.Data.Csv;

/// <summary>
/// Eisel-Lemire decimal-to-binary conversion (Lemire, "Number Parsing at a Gigabyte per Second", 2021, as in
/// fast_float): w × 10^q for a significand of at most 19 digits, correctly rounded, from one or two 64×128-bit
/// products with a truncated power of five. Mushtak and Lemire proved the 128-bit approximation always suffices
/// for binary64, so there is no fallback case.
/// </summary>
internal static class EiselLemire
{
    private const int SmallestPowerOfTen = -342;
    private const int LargestPowerOfTen = 308;
    private const int MantissaBits = 52;
    private const int MinimumExponent = -1023;
    private const int InfinitePower = 0x7FF;

    /// <summary>128-bit truncated (rounded up for negative q) normalised powers of five, high word then low word per q.</summary>
    private static readonly ulong[] PowersOfFive = BuildPowersOfFive();

    public static double Compute(ulong w, int q, bool negative)
    {
        ulong mantissa;
        int power2;
        if (w == 0 || q < SmallestPowerOfTen)
        {
            mantissa = 0;
            power2 = 0;
        }
        else if (q > LargestPowerOfTen)
        {
            mantissa = 0;
            power2 = InfinitePower;
        }
        else
        {
            (mantissa, power2) = Convert(w, q);
        }

        ulong bits = mantissa | ((ulong)power2 << MantissaBits) | (negative ? 1UL << 63 : 0);
        return BitConverter.UInt64BitsToDouble(bits);
    }

    private static (ulong Mantissa, int Power2) Convert(ulong w, int q)
    {
        int leadingZeros = BitOperations.LeadingZeroCount(w);
        w <<= leadingZeros;
        (ulong high, ulong low) = ProductApproximation(q, w);
        int upperBit = (int)(high >> 63);
        int shift = upperBit + 64 - MantissaBits - 3;
        ulong mantissa = high >> shift;
        int power2 = Power(q) + upperBit - leadingZeros - MinimumExponent;
        if (power2 <= 0)
        {
            if (-power2 + 1 >= 64)
            {
                return (0, 0);
            }

            mantissa >>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>= 1;
            return (mantissa, mantissa < (1UL << MantissaBits) ? 0 : 1);
        }

        // Exactly halfway between two doubles (only possible for small q): round to even.
        if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high)
        {
            mantissa &= ~1UL;
        }

        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= (2UL << MantissaBits))
        {
            mantissa = 1UL << MantissaBits;
            power2++;
        }

        mantissa &= ~(1UL << MantissaBits);
        return power2 >= InfinitePower ? (0, InfinitePower) : (mantissa, power2);
    }

    private static (ulong High, ulong Low) ProductApproximation(int q, ulong w)
    {
        int index = 2 * (q - SmallestPowerOfTen);
        ulong high = Math.BigMul(w, PowersOfFive[index], out ulong low);
        const ulong precisionMask = ulong.MaxValue >> (MantissaBits + 3);
        if ((high & precisionMask) == precisionMask)
        {
            ulong secondHigh = Math.BigMul(w, PowersOfFive[index + 1], out _);
            low += secondHigh;
            if (secondHigh > low)
            {
                high++;
            }
        }

        return (high, low);
    }

    private static int Power(int q) => (((152170 + 65536) * q) >> 16) + 63;

    private static ulong[] BuildPowersOfFive()
    {
        var table = new ulong[2 * (LargestPowerOfTen - SmallestPowerOfTen + 1)];
        BigInteger two128 = BigInteger.One << 128;
        BigInteger mask64 = (BigInteger.One << 64) - 1;
        for (int q = SmallestPowerOfTen; q <= LargestPowerOfTen; q++)
        {
            BigInteger value;
            if (q < 0)
            {
                BigInteger power5 = BigInteger.Pow(5, -q);
                int z = (int)power5.GetBitLength();
                if (BigInteger.One << (z - 1) == power5)
                {
                    z--;
                }

                int b = q >= -27 ? z + 127 : (2 * z) + 128;
                value = (BigInteger.One << b) / power5 + 1;
                while (value >= two128)
                {
                    value >>= 1;
                }
            }
            else
            {
                value = BigInteger.Pow(5, q);
                int length = (int)value.GetBitLength();
                value = length <= 128 ? value << (128 - length) : value >> (length - 128);
            }

            int index = 2 * (q - SmallestPowerOfTen);
            table[index] = (ulong)(value >> 64);
            table[index + 1] = (ulong)(value & mask64);
        }

        return table;
    }
}
