using System.Text.Json;
using MlOps.Core.Serving;
using MlOps.Core.Tests.Training;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Serving;

public sealed class RowPackerTests
{
    private static readonly RowPacker Packer = new(MixedDataset.Layout);

    private static PackedRow Pack(string json, int row = 3)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Packer.Pack(document.RootElement, row);
    }

    [Fact]
    public void Pack_EveryKind_FillsTheThreeVectorsInLayoutOrder()
    {
        PackedRow row = Pack("""{ "review": "fine", "city": "c1", "color": 7, "noise": "1.5", "signal": null, "y": "ignored" }""");

        Assert.Equal(2, row.Numeric.Length);
        Assert.True(float.IsNaN(row.Numeric[0]));
        Assert.Equal(1.5f, row.Numeric[1]);
        Assert.Equal(["7", "c1"], row.Categorical);
        Assert.Equal(["fine"], row.Text);
    }

    [Fact]
    public void Pack_UnknownColumn_ErrorNamesRowAndColumn()
    {
        PredictionInputException error = Assert.Throws<PredictionInputException>(() =>
            Pack("""{ "signal": 1, "noise": 1, "color": "red", "city": "c1", "review": "x", "colour": "red" }"""));

        Assert.Contains("Row 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_MissingTextColumn_ErrorNamesRowAndColumn()
    {
        PredictionInputException error = Assert.Throws<PredictionInputException>(() =>
            Pack("""{ "signal": 1, "noise": 1, "color": "red", "city": "c1" }"""));

        Assert.Contains("Row 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing column 'review'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_TextForANumber_ErrorNamesRowAndColumn()
    {
        PredictionInputException error = Assert.Throws<PredictionInputException>(() =>
            Pack("""{ "signal": "high", "noise": 1, "color": "red", "city": "c1", "review": "x" }"""));

        Assert.Contains("Row 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'signal' must be a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_NotAnObject_Error() =>
        Assert.Throws<PredictionInputException>(() => Pack("[1, 2]"));

    [Fact]
    public void Pack_EscapedAndNonAsciiColumnNames_MatchedAsUnescaped()
    {
        PackedRow row = Pack("""{ "sig\u006eal": 2.5, "noise": 1, "colo\u0072": "r\u00e9d", "city": "c1", "review": "x" }""");

        Assert.Equal([2.5f, 1f], row.Numeric);
        Assert.Equal(["réd", "c1"], row.Categorical);
    }

    [Fact]
    public void Pack_LongUnknownColumnName_ErrorNamesTheColumn()
    {
        string name = new('é', 300); // 600 UTF-8 bytes: past the packer's stack copy of a name
        PredictionInputException error = Assert.Throws<PredictionInputException>(() =>
            Pack($$"""{ "signal": 1, "noise": 1, "color": "red", "city": "c1", "review": "x", "{{name}}": 1 }"""));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_ColumnOrderChangesBetweenRequests_EveryRowPackedByName()
    {
        var packer = new RowPacker(MixedDataset.Layout);
        string[] orders =
        [
            """{ "signal": 1, "noise": 2, "color": "red", "city": "c1", "review": "a" }""",
            """{ "review": "a", "city": "c1", "color": "red", "noise": 2, "signal": 1 }""",
            """{ "signal": 1, "noise": 2, "color": "red", "city": "c1", "review": "a" }""",
            """{ "noise": 2, "signal": 1, "y": "x", "city": "c1", "color": "red", "review": "a" }""",
            """{ "signal": 1, "noise": 2, "color": "red", "city": "c1", "review": "a" }""",
        ];

        foreach (string json in orders)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            PackedRow row = packer.Pack(document.RootElement, 0);
            Assert.Equal([1f, 2f], row.Numeric);
            Assert.Equal(["red", "c1"], row.Categorical);
            Assert.Equal(["a"], row.Text);
        }
    }

    [Fact]
    public void Pack_FeatureNamesJsonWritesEscaped_MatchedByTheirUnescapedNames()
    {
        // A name with a backslash is written "a\\nb" in JSON, whose raw bytes spell the name "a\nb" of another feature.
        var layout = new FeatureLayout { Label = "y", Columns = ["a\\nb", "a\nb", "q\"uote", "y"], NumericFeatures = ["a\\nb", "a\nb", "q\"uote"] };
        var packer = new RowPacker(layout);

        foreach (string json in new[] { """{ "a\\nb": 1, "a\nb": 2, "q\"uote": 3 }""", """{ "a\nb": 2, "a\\nb": 1, "q\"uote": 3 }""", """{ "a\\nb": 1, "a\nb": 2, "q\"uote": 3 }""" })
        {
            using JsonDocument document = JsonDocument.Parse(json);
            Assert.Equal([1f, 2f, 3f], packer.Pack(document.RootElement, 0).Numeric);
        }
    }
}
