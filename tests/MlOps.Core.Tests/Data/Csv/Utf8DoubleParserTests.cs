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

    private static string RandomNumberText(Random random)
    {
        string sign = random.Next(3) switch { 0 => "-", 1 => "+", _ => string.Empty };
        string whole = random.Next(4) == 0 ? string.Empty : random.NextInt64(0, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
        string fraction = random.Next(3) == 0 && whole.Length > 0 ? string.Empty
            : "." + random.NextInt64(0, 100_000_000_000).ToString(CultureInfo.InvariantCulture).PadLeft(random.Next(1, 12), '0');
        string exponent = random.Next(3) == 0 ? "e" + random.Next(-30, 30).ToString(CultureInfo.InvariantCulture) : string.Empty;
        return sign + whole + fraction + exponent;
    }
}
