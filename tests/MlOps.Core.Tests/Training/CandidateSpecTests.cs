using MlOps.Core.Serialization;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

public sealed class CandidateSpecTests
{
    [Fact]
    public void Id_SameTrainerAndValuesInAnyOrder_SameShortId()
    {
        var first = new CandidateSpec("LightGbm", new Dictionary<string, double> { ["numberOfLeaves"] = 31, ["learningRate"] = 0.1 });
        var second = new CandidateSpec("LightGbm", new Dictionary<string, double> { ["learningRate"] = 0.1, ["numberOfLeaves"] = 31 });

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first, second);
        Assert.Equal(12, first.Id.Length);
    }

    [Fact]
    public void Id_OtherValueOrTrainer_OtherId()
    {
        var candidate = new CandidateSpec("LightGbm", new Dictionary<string, double> { ["numberOfLeaves"] = 31 });

        Assert.NotEqual(candidate.Id, new CandidateSpec("LightGbm", new Dictionary<string, double> { ["numberOfLeaves"] = 32 }).Id);
        Assert.NotEqual(candidate.Id, new CandidateSpec("FastTree", new Dictionary<string, double> { ["numberOfLeaves"] = 31 }).Id);
    }

    [Fact]
    public void Json_RoundTrip_SameCandidate()
    {
        var candidate = new CandidateSpec("Sdca", new Dictionary<string, double> { ["l2Regularization"] = 1e-4 });

        CandidateSpec copy = JsonDefaults.Deserialize<CandidateSpec>(JsonDefaults.Serialize(candidate));

        Assert.Equal(candidate, copy);
        Assert.Equal(candidate.Id, copy.Id);
    }
}
