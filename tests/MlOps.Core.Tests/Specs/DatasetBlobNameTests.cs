using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Specs;

public sealed class DatasetBlobNameTests
{
    [Theory]
    [InlineData("churn/2024/data.csv", "churn", "2024/data.csv")]
    [InlineData("a1/x.csv", "a1", "x.csv")]
    [InlineData("pima_diabetes/diabetes.csv", "pima_diabetes", "diabetes.csv")]
    [InlineData("Pima_Diabetes/x.csv", "pima_diabetes", "x.csv")]
    public void TryParse_ModelFolder_SplitsModelAndFile(string blob, string model, string file)
    {
        Assert.True(DatasetBlobName.TryParse(blob, out DatasetBlobName? name, out _));
        Assert.Equal(model, name!.Model);
        Assert.Equal(file, name.File);
        Assert.Equal(blob, name.FullName); // the blob keeps the folder as written
    }

    [Theory]
    [InlineData("data.csv", "not inside a model folder")]
    [InlineData("churn/../secrets.csv", "'..'")]
    [InlineData("churn//x.csv", "empty")]
    [InlineData("my model/x.csv", "not a valid model name")]
    [InlineData("_x/x.csv", "not a valid model name")]
    [InlineData("churn/x\u0001.csv", "control characters")]
    [InlineData("", "empty")]
    public void TryParse_BadName_ExplainsWhy(string blob, string reason)
    {
        Assert.False(DatasetBlobName.TryParse(blob, out _, out string error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
