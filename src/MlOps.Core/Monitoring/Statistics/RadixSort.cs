using System.Buffers;
using System.Runtime.InteropServices;

namespace MlOps.Core.Monitoring.Statistics;

/// <summary>
/// Least-significant-digit radix sort for doubles: sorting dominates a drift report over large samples, and six
/// linear passes over 11-bit digits beat a comparison sort by a wide margin at these sizes.
/// </summary>
/// <remarks>
/// Each double's bits are mapped to an unsigned key with the same order (flip all bits of negatives, the sign bit of
/// the rest). NaNs end up at the two ends (by sign), where callers look for them. -0.0 sorts before 0.0.
/// </remarks>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;
    private const ulong DigitMask = Buckets - 1;
    private const ulong SignBit = 1UL << 63;

    /// <summary>Below this size a comparison sort is as fast and needs no scratch buffer.</summary>
    private const int MinimumLength = 4096;

    public static void Sort(Span<double> values)
    {
        if (values.Length < MinimumLength)
        {
            values.Sort();
            return;
        }

        Span<ulong> keys = MemoryMarshal.Cast<double, ulong>(values);
        ulong[] rented = ArrayPool<ulong>.Shared.Rent(values.Length);
        int[] counts = new int[Passes * Buckets];
        try
        {
            Span<ulong> scratch = rented.AsSpan(0, values.Length);
            ToSortable(keys, counts);
            Span<ulong> source = keys, target = scratch;
            for (int pass = 0; pass < Passes; pass++)
            {
                Span<int> offsets = counts.AsSpan(pass * Buckets, Buckets);
                int shift = pass * DigitBits;

                // A digit that every key shares cannot reorder anything.
                if (offsets[(int)((source[0] >> shift) & DigitMask)] == values.Length)
                {
                    continue;
                }

                int running = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int count = offsets[b];
                    offsets[b] = running;
                    running += count;
                }

                foreach (ulong key in source)
                {
                    target[offsets[(int)((key >> shift) & DigitMask)]++] = key;
                }

                Span<ulong> swap = source;
                source = target;
                target = swap;
            }

            if (source != keys)
            {
                source.CopyTo(keys);
            }

            FromSortable(keys);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>Maps the bits in place and counts every digit of every key in the same pass.</summary>
    private static void ToSortable(Span<ulong> keys, int[] counts)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            ulong bits = keys[i];
            ulong key = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
            keys[i] = key;
            for (int pass = 0; pass < Passes; pass++)
            {
                counts[(pass * Buckets) + (int)((key >> (pass * DigitBits)) & DigitMask)]++;
            }
        }
    }

    private static void FromSortable(Span<ulong> keys)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            ulong key = keys[i];
            keys[i] = (key & SignBit) != 0 ? key & ~SignBit : ~key;
        }
    }
}
