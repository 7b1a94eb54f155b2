using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Packs a block of spilled numbers into fewer bytes when it loses nothing: most CSV columns hold short decimals
/// ("5.72", "109.39", "37"), each of which is an integer m over a power of ten 10^k that the parser rounded
/// correctly, so m / 10^k gives back the very same double. A block is stored as such integers in 1, 2 or 4 bytes
/// with one k for the whole block when every value round-trips that way (checked value by value, by the division
/// the replay does), else as the raw doubles. Negative zero comes back as zero, which every reader of the spill
/// folds into zero anyway.
/// </summary>
internal static class SpillBlockCodec
{
    /// <summary>The largest k tried: up to nine decimals still leave room for a few integer digits in 32 bits.</summary>
    public const int MaxScale = 9;

    /// <summary>The format of raw doubles, 8 bytes each.</summary>
    public const int Raw = 8;

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    /// <summary>The bytes a block of <paramref name="count"/> values takes at most.</summary>
    public static int MaxBytes(int count) => count * sizeof(double);

    /// <summary>
    /// Writes <paramref name="values"/> to <paramref name="destination"/> (at least <see cref="MaxBytes"/> long); returns
    /// the format (the value width in bytes, plus the scale k times 16) and the bytes written. <paramref name="scale"/> is
    /// the k to try first (a column's decimals rarely change between blocks); it is raised when a block needs more.
    /// </summary>
    public static (int Format, int Bytes) Encode(ReadOnlySpan<double> values, ref int scale, Span<byte> destination)
    {
        for (int k = scale; k <= MaxScale; k++)
        {
            if (TryRange(values, PowersOfTen[k], out long min, out long max))
            {
                scale = k;
                int width = min >= sbyte.MinValue && max <= sbyte.MaxValue ? 1 : min >= short.MinValue && max <= short.MaxValue ? 2 : 4;
                WriteIntegers(values, PowersOfTen[k], width, destination);
                return (width + (k * 16), values.Length * width);
            }
        }

        MemoryMarshal.AsBytes(values).CopyTo(destination);
        return (Raw, values.Length * sizeof(double));
    }

    /// <summary>The payload's length in bytes for <paramref name="count"/> values of <paramref name="format"/>.</summary>
    public static int PayloadBytes(int format, int count) => (format & 15) * count;

    /// <summary>Reads back what <see cref="Encode"/> wrote: <paramref name="values"/>.Length values.</summary>
    public static void Decode(int format, ReadOnlySpan<byte> source, Span<double> values)
    {
        int width = format & 15;
        if (width == Raw)
        {
            MemoryMarshal.Cast<byte, double>(source[..(values.Length * sizeof(double))]).CopyTo(values);
            return;
        }

        double power = PowersOfTen[format >> 4];
        switch (width)
        {
            case 1:
                ReadOnlySpan<sbyte> bytes = MemoryMarshal.Cast<byte, sbyte>(source);
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = bytes[i] / power;
                }

                break;
            case 2:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) / power;
                }

                break;
            default:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) / power;
                }

                break;
        }
    }

    /// <summary>Whether every value is some 32-bit m with m / <paramref name="power"/> equal to it; the least and greatest m.</summary>
    private static bool TryRange(ReadOnlySpan<double> values, double power, out long min, out long max)
    {
        double low = double.PositiveInfinity;
        double high = double.NegativeInfinity;
        foreach (double value in values)
        {
            double m = Math.Round(value * power);
            if (!(Math.Abs(m) <= int.MaxValue) || m / power != value)
            {
                min = max = 0;
                return false;
            }

            low = m < low ? m : low;
            high = m > high ? m : high;
        }

        (min, max) = values.IsEmpty ? (0L, 0L) : ((long)low, (long)high);
        return true;
    }

    private static void WriteIntegers(ReadOnlySpan<double> values, double power, int width, Span<byte> destination)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int m = (int)Math.Round(values[i] * power);
            switch (width)
            {
                case 1:
                    destination[i] = (byte)(sbyte)m;
                    break;
                case 2:
                    BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], (short)m);
                    break;
                default:
                    BinaryPrimitives.WriteInt32LittleEndian(destination[(4 * i)..], m);
                    break;
            }
        }
    }
}
