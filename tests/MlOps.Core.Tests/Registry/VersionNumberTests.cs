using MlOps.Core.Registry;

namespace MlOps.Core.Tests.Registry;

/// <summary>Versions are positive whole numbers in digits; anything else is refused, never read as "production".</summary>
public sealed class VersionNumberTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("42", 42)]
    [InlineData("2147483647", int.MaxValue)]
    public void TryParse_Digits_Parsed(string text, int expected)
    {
        Assert.True(VersionNumber.TryParse(text, out int version));
        Assert.Equal(expected, version);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("2.0")]
    [InlineData(" 2")]
    [InlineData("2147483648")]
    [InlineData("")]
    public void TryParse_Other_Refused(string text) => Assert.False(VersionNumber.TryParse(text, out _));
}
