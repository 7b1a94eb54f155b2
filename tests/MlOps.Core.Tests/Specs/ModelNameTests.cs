using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Specs;

/// <summary>The model-name rule every route, trigger and the CLI apply: what users write is accepted (mapped to one stored form), the rest refused with the rule.</summary>
public sealed class ModelNameTests
{
    [Theory]
    [InlineData("pima_diabetes", "pima_diabetes")]
    [InlineData("Pima_Diabetes", "pima_diabetes")]
    [InlineData("breast-cancer", "breast-cancer")]
    [InlineData("HeartDisease2", "heartdisease2")]
    [InlineData("a1", "a1")]
    public void TryNormalize_NamesUsersWrite_OneStoredForm(string name, string stored)
    {
        Assert.True(ModelName.TryNormalize(name, out string? model));
        Assert.Equal(stored, model);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("_x")]
    [InlineData("x-")]
    [InlineData("prod uction")]
    [InlineData("Ünï")]
    [InlineData("$x")]
    [InlineData("a#b")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\tb")]
    [InlineData("..")]
    public void TryNormalize_OtherNames_RefusedWithTheRule(string name)
    {
        Assert.False(ModelName.TryNormalize(name, out _));
        Assert.Contains(ModelName.Rule, ModelName.Problem(name), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_LongName_QuotedShortAndWithoutControlCharacters()
    {
        string problem = ModelName.Problem(new string('x', 2000) + "\n");
        Assert.True(problem.Length < 400, problem);
        Assert.Contains("(2001 characters)", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }
}
