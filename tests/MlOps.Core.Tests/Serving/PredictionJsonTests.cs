using System.Text;
using System.Text.Json;
using MlOps.Core.Serialization;
using MlOps.Core.Serving;

namespace MlOps.Core.Tests.Serving;

public sealed class PredictionJsonTests
{
    public static TheoryData<Prediction> Predictions() => new()
    {
        new Prediction("1", 2.718281828459045, 0.9381),
        new Prediction(null, -12.5, null),
        new Prediction("<script>\"é\"", double.NaN, 0),
        new Prediction("yes", double.PositiveInfinity, 1e-300),
        new Prediction("no", double.NegativeInfinity, null),
        new Prediction("setosa", 0.97, 0.97) { Probabilities = new Dictionary<string, double> { ["setosa"] = 0.97, ["Versi Color"] = 0.02, ["vírginica"] = double.NaN } },
    };

    [Theory]
    [MemberData(nameof(Predictions))]
    public void Write_AnyPrediction_SameJsonAsTheSerializerWithTheProductsSettings(Prediction prediction)
    {
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            PredictionJson.Write(writer, prediction);
        }

        Assert.Equal(JsonSerializer.Serialize(prediction, JsonDefaults.Options), Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Write_WrittenPrediction_ReadsBackEqual()
    {
        var prediction = new Prediction("setosa", 0.5, 0.5) { Probabilities = new Dictionary<string, double> { ["setosa"] = 0.5, ["virginica"] = 0.5 } };
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            PredictionJson.Write(writer, prediction);
        }

        Prediction read = JsonSerializer.Deserialize<Prediction>(output.ToArray(), JsonDefaults.Options)!;
        Assert.Equal(prediction.Label, read.Label);
        Assert.Equal(prediction.Score, read.Score);
        Assert.Equal(prediction.Probabilities, read.Probabilities);
    }
}
