using MlOps.Core.Registry;

namespace MlOps.Core.Tests.Registry;

public sealed class AliasNameTests
{
    [Theory]
    [InlineData("Production", true, "production")]
    [InlineData("staging_2", true, "staging_2")]
    [InlineData("../x", false, null)]
    [InlineData("2nd", false, null)]
    public void TryNormalize_Name_FollowsTheRule(string alias, bool valid, string? stored)
    {
        Assert.Equal(valid, AliasName.TryNormalize(alias, out string? normalized));
        Assert.Equal(stored, normalized);
    }
}
