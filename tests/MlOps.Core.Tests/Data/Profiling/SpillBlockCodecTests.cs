using System.Globalization;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Profiling;

namespace MlOps.Core.Tests.Data.Profiling;

/// <summary>A spilled block must come back as the very doubles that went in, however few bytes it took.</summary>
public sealed class SpillBlockCodecTests
{
    public static TheoryData<string[], int, int> Blocks => new()
    {
        // Spellings as a CSV holds them, the bytes per value expected, and the scale k.
        { ["0", "1", "1", "0"], 1, 0 },
        { ["5.72", "8.63", "-3.10", "0.01"], 2, 2 },
        { ["787.0712", "902.8035", "56.0000", "-1.5"], 4, 4 },
        { ["0.1", "0.2", "0.3", "2147483.647"], 4, 3 },
        { ["0.000000001", "-0.000000002", "1.5"], 4, 9 },

        // A 17-digit spelling, a number past 32 bits at any scale, ten decimals: raw doubles.
        { ["6.800254443405735", "1.5"], 8, 0 },
        { ["4294967296", "1"], 8, 0 },
        { ["0.0000000001", "1"], 8, 0 },
        { ["1e300", "1"], 8, 0 },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Encode_ParsedCsvNumbers_DecodeToTheSameDoublesInFewerBytesWhereExact(string[] spellings, int width, int scale)
    {
        double[] values = [.. spellings.Select(s => Utf8DoubleParser.TryParse(System.Text.Encoding.UTF8.GetBytes(s), out double v) ? v : double.NaN)];
        int tried = 0;

        (double[] decoded, int format, int bytes) = RoundTrip(values, ref tried);

        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), decoded.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(width * values.Length, bytes);
        Assert.Equal(bytes, SpillBlockCodec.PayloadBytes(format, values.Length));
        Assert.Equal(width, format & 15);
        if (width != SpillBlockCodec.Raw)
        {
            Assert.Equal(scale, tried);
        }
    }

    [Fact]
    public void Encode_ManyRandomShortDecimals_EveryValueRoundTripsBitForBit()
    {
        var random = new Random(7);
        int scale = 0;
        for (int block = 0; block < 200; block++)
        {
            int decimals = random.Next(0, 12);
            double[] values = [.. Enumerable.Range(0, 512).Select(_ =>
            {
                string text = (random.NextDouble() * random.Next(1, 100_000) * (random.Next(2) == 0 ? -1 : 1)).ToString("F" + decimals, CultureInfo.InvariantCulture);
                return double.Parse(text, CultureInfo.InvariantCulture) + 0.0;
            })];
            (double[] decoded, _, _) = RoundTrip(values, ref scale);

            Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), decoded.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Encode_NegativeZero_DecodesAsZero()
    {
        double[] values = [-0.0, 1.25];
        int scale = 0;

        (double[] decoded, int format, _) = RoundTrip(values, ref scale);

        Assert.Equal([0L, BitConverter.DoubleToInt64Bits(1.25)], decoded.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(1, format & 15);
    }

    private static (double[] Decoded, int Format, int Bytes) RoundTrip(double[] values, ref int scale)
    {
        byte[] encoded = new byte[SpillBlockCodec.MaxBytes(values.Length)];
        (int format, int bytes) = SpillBlockCodec.Encode(values, ref scale, encoded);
        double[] decoded = new double[values.Length];
        SpillBlockCodec.Decode(format, encoded.AsSpan(0, bytes), decoded);
        return (decoded, format, bytes);
    }
}
