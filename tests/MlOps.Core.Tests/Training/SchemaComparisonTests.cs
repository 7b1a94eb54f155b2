using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

/// <summary>Every way a challenger's schema can differ from production's is found and said in a sentence; matching schemas give none.</summary>
public sealed class SchemaComparisonTests
{
    private static readonly FeatureLayout Production = new()
    {
        Task = ModelTask.Binary, Label = "diagnosis", PositiveClass = "malignant", Classes = ["benign", "malignant"],
        Columns = ["radius", "texture", "zip", "id", "diagnosis"], NumericFeatures = ["radius", "texture"], CategoricalFeatures = ["zip"],
    };

    [Fact]
    public void Differences_SameSchemaOtherStatistics_None()
    {
        FeatureLayout retrained = Production with { NumericWithMissing = ["radius"], CategoricalCardinality = new Dictionary<string, int> { ["zip"] = 40 } };
        Assert.Empty(SchemaComparison.Differences(Production, retrained));
    }

    [Fact]
    public void Differences_OneColumnRenamedInPlace_ReadsAsRename()
    {
        FeatureLayout renamed = Production with { Columns = ["radius_mean", "texture", "zip", "id", "diagnosis"], NumericFeatures = ["radius_mean", "texture"] };
        Assert.Equal(["column 'radius' is renamed 'radius_mean' (same position, numeric)"], SchemaComparison.Differences(Production, renamed));
    }

    [Fact]
    public void Differences_ColumnsGoneNewAndRetyped_EachNamed()
    {
        FeatureLayout changed = Production with
        {
            Columns = ["radius", "zip", "id", "age", "smoker", "diagnosis"], NumericFeatures = ["radius", "zip", "age"], CategoricalFeatures = ["smoker"],
        };

        Assert.Equal(
            ["column 'texture' (numeric) is gone", "column 'age' (numeric) is new", "column 'smoker' (categorical) is new", "column 'zip' changes from categorical to numeric"],
            SchemaComparison.Differences(Production, changed));
    }

    [Fact]
    public void Differences_AnotherLabelTaskOrClasses_Named()
    {
        Assert.Equal(["label 'diagnosis' becomes 'outcome'"],
            SchemaComparison.Differences(Production, Production with { Label = "outcome", Columns = ["radius", "texture", "zip", "id", "outcome"] }));
        Assert.Contains("task binary becomes multiclass",
            SchemaComparison.Differences(Production, Production with { Task = ModelTask.Multiclass, PositiveClass = null, Classes = ["a", "b", "c"] }));
        Assert.Equal(["positive class 'malignant' becomes 'benign'"], SchemaComparison.Differences(Production, Production with { PositiveClass = "benign" }));
        Assert.Equal(["classes change: new 'unknown'; gone 'benign'"],
            SchemaComparison.Differences(Production, Production with { Classes = ["unknown", "malignant"] }));
    }

    [Fact]
    public void Differences_UnusedColumnBecomesAFeature_Named()
    {
        Assert.Equal(["column 'id' changes from unused to categorical"],
            SchemaComparison.Differences(Production, Production with { CategoricalFeatures = ["zip", "id"] }));
    }
}
