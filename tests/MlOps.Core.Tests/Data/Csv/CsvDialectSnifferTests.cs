using System.Text;
using MlOps.Core.Data.Csv;

namespace MlOps.Core.Tests.Data.Csv;

public class CsvDialectSnifferTests
{
    [Theory]
    [InlineData("a;b;c", ';')]
    [InlineData("a\tb\tc", '\t')]
    [InlineData("a,b;c,d", ',')]
    [InlineData("\"x;y\",b,c", ',')]
    [InlineData("a|b", '|')]
    public void GuessDelimiter_HeaderLine_ReturnsMostFrequentUnquotedCandidate(string line, char expected)
    {
        Assert.Equal((byte)expected, CsvDialectSniffer.GuessDelimiter(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void GuessDelimiter_SingleColumn_ReturnsNull()
    {
        Assert.Null(CsvDialectSniffer.GuessDelimiter("value\n1;2"u8));
    }
}
