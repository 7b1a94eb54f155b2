using System.Globalization;
using System.Text;
using MlOps.Core.Data.Csv;

namespace MlOps.Core.Tests.Data.Csv;

public class Utf8DoubleParserTests
{
    [Fact]
    public void TryParse_RandomDecimalStrings_MatchRuntimeParserBitForBit()
    {
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            string text = RandomNumberText(random);
            double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

            Assert.True(Utf8DoubleParser.TryParse(Encoding.ASCII.GetBytes(text), out double actual), text);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), text);
        }
    }

    [Fact]
    public void TryParse_RoundTripSpellingsAcrossTheExponentRange_MatchRuntimeParserBitForBit()
    {
        var random = new Random(11);
        for (int i = 0; i < 200_000; i++)
        {
            double original = BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FF0_0000_0000_0000)) * (random.Next(2) == 0 ? 1 : -1);
            string text = original.ToString(random.Next(3) switch { 0 => "R", 1 => "E16", _ => "G17" }, CultureInfo.InvariantCulture);

            Assert.True(Utf8DoubleParser.TryParse(Encoding.ASCII.GetBytes(text), out double actual), text);
            Assert.True(BitConverter.DoubleToInt64Bits(original) == BitConverter.DoubleToInt64Bits(actual), text);
        }
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("2.2250738585072014e-308")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("4.9406564584124654e-324")]
    [InlineData("2.4703282292062328e-324")]
    [InlineData("9999999999999999999")]
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("123456789012345678e-30")]
    public void TryParse_HardCases_MatchRuntimeParserBitForBit(string text)
    {
        double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        Assert.True(Utf8DoubleParser.TryParse(Encoding.ASCII.GetBytes(text), out double actual));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    [InlineData("12abc")]
    public void TryParse_NotANumber_ReturnsFalse(string text)
    {
        Assert.False(Utf8DoubleParser.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("1.", 1.0)]
    [InlineData(".5", 0.5)]
    [InlineData("+2E+02", 200.0)]
    [InlineData("12345678901234567890123", 1.2345678901234568e22)]
    [InlineData("1e-400", 0.0)]
    [InlineData("4.9e-324", 4.9e-324)]
    public void TryParse_EdgeForms_ParsesLikeRuntime(string text, double expected)
    {
        Assert.True(Utf8DoubleParser.TryParse(Encoding.UTF8.GetBytes(text), out double actual));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("-0.0", true)]
    [InlineData("0001.50", true)]
    [InlineData("1.", true)]
    [InlineData("-.5", true)]
    [InlineData("1E-5", true)]
    [InlineData("1.5e99", true)]
    [InlineData("123456789012345678901234", true)]
    [InlineData("1234567890123456789012345", false)]
    [InlineData("1e400", false)]
    [InlineData("1e+5", false)]
    [InlineData("+4", false)]
    [InlineData(" 2.25 ", false)]
    [InlineData(".", false)]
    [InlineData("-", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1e", false)]
    [InlineData("e5", false)]
    [InlineData("NaN", false)]
    public void IsPlainDecimal_Forms_AsDocumented(string text, bool expected)
    {
        Assert.Equal(expected, Utf8DoubleParser.IsPlainDecimal(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void IsPlainDecimal_RandomTexts_ImpliesAFiniteNumberAParserAccepts()
    {
        // The split pass copies such text as a number without parsing it: it must be one.
        var random = new Random(11);
        int plain = 0;
        for (int i = 0; i < 200_000; i++)
        {
            string text = RandomNumberLikeText(random);
            if (!Utf8DoubleParser.IsPlainDecimal(Encoding.UTF8.GetBytes(text)))
            {
                continue;
            }

            plain++;
            Assert.True(Utf8DoubleParser.TryParse(Encoding.UTF8.GetBytes(text), out double value), text);
            Assert.True(double.IsFinite(value), text);
            Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double runtime) && runtime == value, text);
        }

        Assert.True(plain > 10_000);
    }

    [Fact]
    public void TryParseTrimmed_PlainReported_OnlyForPlainDecimalsAndForTheUsualOnes()
    {
        // The split pass copies a column's numbers unlooked-at when the parser reported each plain: it must never say so wrongly.
        var random = new Random(12);
        int reportedPlain = 0;
        for (int i = 0; i < 200_000; i++)
        {
            string text = i % 2 == 0 ? RandomNumberText(random) : RandomNumberLikeText(random);
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            if (Utf8DoubleParser.TryParseTrimmed(utf8, out _, out bool plain) && plain)
            {
                reportedPlain++;
                Assert.True(Utf8DoubleParser.IsPlainDecimal(utf8), text);
            }
        }

        Assert.True(reportedPlain > 10_000, $"{reportedPlain}");
        foreach (string usual in new[] { "0", "-0.0", "0001.50", "1.", "-.5", "1E-5", "1.5e99", "3.14159", "-273.15", "1e7", "0.000123", "12345678901234567" })
        {
            Assert.True(Utf8DoubleParser.TryParseTrimmed(Encoding.UTF8.GetBytes(usual), out _, out bool plain) && plain, usual);
        }

        foreach (string other in new[] { "+4", "1e+5", "1e100", "1e-100", "1.5E007", "NaN", "Infinity", "123456789012345678901" })
        {
            Assert.False(Utf8DoubleParser.TryParseTrimmed(Encoding.UTF8.GetBytes(other), out _, out bool plain) && plain, other);
        }
    }

    /// <summary>Up to 11 characters of digits, points, signs, exponent letters and spaces, half of them digits.</summary>
    private static string RandomNumberLikeText(Random random)
    {
        const string alphabet = "0123456789.-eE+ ";
        return new([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(random.Next(2) == 0 ? 10 : alphabet.Length)])]);
    }

    private static string RandomNumberText(Random random)
    {
        string sign = random.Next(3) switch { 0 => "-", 1 => "+", _ => string.Empty };
        string whole = random.Next(4) == 0 ? string.Empty : random.NextInt64(0, random.Next(2) == 0 ? 10_000_000_000 : long.MaxValue).ToString(CultureInfo.InvariantCulture);
        string fraction = random.Next(3) == 0 && whole.Length > 0 ? string.Empty
            : "." + random.NextInt64(0, 100_000_000_000).ToString(CultureInfo.InvariantCulture).PadLeft(random.Next(1, 12), '0');
        string exponent = random.Next(3) == 0 ? "e" + random.Next(-330, 310).ToString(CultureInfo.InvariantCulture) : string.Empty;
        return sign + whole + fraction + exponent;
    }
}
