using System.Text;
using MlOps.Pipeline.Http;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Http;

/// <summary>The route table is the one list of routes: unique, well-formed, and the one the README documents.</summary>
public sealed class ApiRouteTableTests
{
    [Fact]
    public void All_Routes_HaveUniqueNamesAndMethodTemplatePairs()
    {
        Assert.Equal(ApiRouteTable.All.Count, ApiRouteTable.All.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ApiRouteTable.All.Count, ApiRouteTable.All.Select(r => (r.Method, r.Template)).Distinct().Count());
    }

    [Fact]
    public void All_DeclaredFields_AreListed()
    {
        ApiRoute[] declared = [.. typeof(ApiRouteTable).GetFields().Where(f => f.FieldType == typeof(ApiRoute)).Select(f => (ApiRoute)f.GetValue(null)!)];
        Assert.Equal(declared.OrderBy(r => r.Name), ApiRouteTable.All.OrderBy(r => r.Name));
    }

    [Fact]
    public void All_Templates_UseTheSharedConstants()
    {
        string[] constants = [.. typeof(ApiRoutes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
        Assert.All(ApiRouteTable.All, r => Assert.Contains(r.Template, constants));
        Assert.All(constants, c => Assert.Contains(ApiRouteTable.All, r => r.Template == c));
    }

    [Fact]
    public void Path_ConstrainedParameter_DropsTheConstraint()
    {
        Assert.Equal("/api/models/{model}/versions/{version}", ApiRouteTable.GetModelVersion.Path);
    }

    [Fact]
    public void Readme_RouteTable_ListsExactlyTheServedRoutes()
    {
        string expected = Markdown();
        string readme = RepositoryFiles.ReadReadme().ReplaceLineEndings("\n");
        Assert.True(readme.Contains(expected, StringComparison.Ordinal), "README.md's HTTP API table differs from ApiRouteTable; it should read:\n" + expected);
    }

    /// <summary>The README's table as the route table renders it.</summary>
    private static string Markdown()
    {
        var table = new StringBuilder("| method | route | what |\n|---|---|---|\n");
        foreach (ApiRoute route in ApiRouteTable.All)
        {
            table.Append("| ").Append(route.Method).Append(" | `").Append(route.Path).Append("` | ").Append(route.Summary).Append(" |\n");
        }

        return table.ToString();
    }
}
