using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Specs;

public sealed class DatasetBlobNameSpecTests
{
    [Theory]
    [InlineData("iris/pipeline.json", true)]
    [InlineData("iris/2025/pipeline.json", true)]
    [InlineData("iris/PIPELINE.JSON", true)]
    [InlineData("iris/data.csv", false)]
    [InlineData("iris/mypipeline.json", false)]
    [InlineData("iris/pipeline.json/data.csv", false)]
    public void IsSpec_BlobName_MatchesOnlyTheSpecFileName(string blobName, bool expected)
    {
        Assert.True(DatasetBlobName.TryParse(blobName, out DatasetBlobName? name, out string error), error);
        Assert.Equal(expected, name!.IsSpec);
    }
}
