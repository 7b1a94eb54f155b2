using System.Reflection;

namespace MlOps.Host.Demo;

/// <summary>The bundled breast cancer sample (UCI, CC BY 4.0; see samples/README.md), split into what the demo uploads and rows it holds back to score.</summary>
public sealed class DemoDataset
{
    public const string Model = "breast-cancer";
    public const string Label = "diagnosis";

    private DemoDataset(string spec, string training, IReadOnlyList<string> columns, IReadOnlyList<string[]> heldBack)
    {
        Spec = spec;
        Training = training;
        Columns = columns;
        HeldBack = heldBack;
    }

    public string Spec { get; }

    /// <summary>The CSV the demo uploads: every row but the held-back ones.</summary>
    public string Training { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows the model never sees during training, scored through the API at the end.</summary>
    public IReadOnlyList<string[]> HeldBack { get; }

    public static DemoDataset Load(int holdBackEvery = 20)
    {
        string csv = ReadResource("samples/breast-cancer/breast_cancer.csv");
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var training = new System.Text.StringBuilder(lines[0]).Append('\n');
        var heldBack = new List<string[]>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (i % holdBackEvery == 0)
            {
                heldBack.Add(lines[i].Split(','));
            }
            else
            {
                training.Append(lines[i]).Append('\n');
            }
        }

        return new DemoDataset(ReadResource("samples/breast-cancer/pipeline.json"), training.ToString(), lines[0].Split(','), heldBack);
    }

    private static string ReadResource(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The demo resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
