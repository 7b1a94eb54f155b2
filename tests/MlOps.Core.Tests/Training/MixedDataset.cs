using System.Globalization;
using System.Text;
using Microsoft.ML;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Training;

/// <summary>
/// A synthetic binary dataset with every kind of column: "signal" (informative, 15% missing), "noise", "color"
/// (3 values, informative), "city" (200 values, noise: hashed), "review" (text whose words carry the label) and
/// the label "y" (yes/no).
/// </summary>
public static class MixedDataset
{
    public static FeatureLayout Layout { get; } = new()
    {
        Task = ModelTask.Binary,
        Label = "y",
        Columns = ["signal", "noise", "color", "city", "review", "y"],
        NumericFeatures = ["signal", "noise"],
        NumericWithMissing = ["signal"],
        CategoricalFeatures = ["color", "city"],
        CategoricalCardinality = new Dictionary<string, int> { ["color"] = 3, ["city"] = 200 },
        TextFeatures = ["review"],
        PositiveClass = "yes",
        Classes = ["no", "yes"],
    };

    /// <summary>The same data without the text column.</summary>
    public static FeatureLayout LayoutWithoutText { get; } = Layout with { TextFeatures = [] };

    /// <summary>Writes <paramref name="rows"/> rows to <paramref name="path"/> and loads them into memory with labels mapped, as training reads them.</summary>
    public static IDataView Labelled(MLContext ml, FeatureLayout layout, string path, int rows, int seed) =>
        LabelMapping.Apply(ml, layout, TrainingDataLoader.LoadIntoMemory(ml, layout, Write(path, rows, seed)));

    public static string Write(string path, int rows, int seed)
    {
        var random = new Random(seed);
        string[] colors = ["red", "green", "blue"];
        string[] good = ["great", "lovely", "superb"];
        string[] bad = ["awful", "broken", "poor"];
        var text = new StringBuilder("signal,noise,color,city,review,y\n");
        for (int i = 0; i < rows; i++)
        {
            double signal = Gaussian(random);
            double noise = Gaussian(random);
            string color = colors[random.Next(3)];
            string city = "c" + random.Next(200).ToString(CultureInfo.InvariantCulture);
            bool positiveWords = random.NextDouble() < 0.5;
            double logit = (2 * signal) + (color == "red" ? 1.5 : -0.5) + (positiveWords ? 1.5 : -1.5);
            bool y = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            string[] words = positiveWords ? good : bad;
            string review = $"the product was {words[random.Next(3)]} and the delivery {(random.NextDouble() < 0.5 ? "fast" : "slow")}";
            string signalText = random.NextDouble() < 0.15 ? string.Empty : signal.ToString("R", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{signalText},{noise.ToString("R", CultureInfo.InvariantCulture)},{color},{city},\"{review}\",{(y ? "yes" : "no")}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
