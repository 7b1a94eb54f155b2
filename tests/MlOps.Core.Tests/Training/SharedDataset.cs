using System.Text.Json;
using MlOps.Core.Specs;
using MlOps.Core.Training;
using MlOps.Testing;

namespace MlOps.Core.Tests.Training;

/// <summary>
/// A shared dataset from tests/data with the layout ingest would build for it (every column but the label is a
/// numeric feature; classes in ordinal order; binary positive class = the minority), and the scikit-learn
/// HistGradientBoosting bar from baselines.json.
/// </summary>
public sealed class SharedDataset
{
    private static readonly Dictionary<string, (string Label, ModelTask Task)> Known = new()
    {
        ["breast_cancer"] = ("diagnosis", ModelTask.Binary),
        ["iris"] = ("species", ModelTask.Multiclass),
        ["wine"] = ("cultivar", ModelTask.Multiclass),
        ["digits"] = ("digit", ModelTask.Multiclass),
        ["diabetes"] = ("progression", ModelTask.Regression),
    };

    private readonly string _header;
    private readonly string[] _rows;
    private readonly string[] _labels;

    private SharedDataset(string name, string header, string[] rows, string label, ModelTask task)
    {
        Name = name;
        _header = header;
        _rows = rows;
        string[] columns = _header.Split(',');
        int labelIndex = Array.IndexOf(columns, label);
        _labels = [.. _rows.Select(r => r.Split(',')[labelIndex])];

        List<string> classes = task == ModelTask.Regression ? [] : [.. _labels.Distinct().Order(StringComparer.Ordinal)];
        string? positive = null;
        if (task == ModelTask.Binary)
        {
            positive = classes.OrderBy(c => _labels.Count(l => l == c)).First();
            classes = [classes.First(c => c != positive), positive];
        }

        Layout = new FeatureLayout
        {
            Task = task,
            Label = label,
            Columns = columns,
            NumericFeatures = [.. columns.Where(c => c != label)],
            PositiveClass = positive,
            Classes = classes,
        };
    }

    public string Name { get; }

    public FeatureLayout Layout { get; }

    public ModelTask Task => Layout.Task;

    /// <summary>The metric the baseline reports, under our evaluator's name: AUC (binary), accuracy (multiclass), R² (regression).</summary>
    public string Metric => Task switch { ModelTask.Binary => "auc", ModelTask.Multiclass => "accuracy", _ => "r2" };

    /// <summary>The scikit-learn HistGradientBoosting 5-fold figure for <see cref="Metric"/>.</summary>
    public double Baseline
    {
        get
        {
            using JsonDocument baselines = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("baselines.json")));
            string key = Task switch { ModelTask.Binary => "roc_auc", ModelTask.Multiclass => "accuracy", _ => "r2" };
            return baselines.RootElement.GetProperty(Name).GetProperty(key).GetDouble();
        }
    }

    /// <summary>How far below the baseline we may be: 0.01 for AUC and accuracy, 0.03 for R².</summary>
    public double Tolerance => Task == ModelTask.Regression ? 0.03 : 0.01;

    public static SharedDataset Load(string name)
    {
        (string label, ModelTask task) = Known[name];
        string[] lines = File.ReadAllLines(TestData.PathOf(name + ".csv"));
        return new SharedDataset(name, lines[0], [.. lines.Skip(1).Where(l => l.Length > 0)], label, task);
    }

    /// <summary>The rows <paramref name="keep"/> accepts (given the row's label and index), with this dataset's name and baseline.</summary>
    public SharedDataset Where(Func<string, int, bool> keep) =>
        new(Name, _header, [.. _rows.Where((_, i) => keep(_labels[i], i))], Layout.Label, Task);

    /// <summary>The same rows for another task, each label replaced by <paramref name="relabel"/>'s answer (a binary positive class is the minority).</summary>
    public SharedDataset Relabel(ModelTask task, Func<string, string> relabel)
    {
        int labelIndex = Array.IndexOf(_header.Split(','), Layout.Label);
        string[] rows = [.. _rows.Select(r =>
        {
            string[] fields = r.Split(',');
            fields[labelIndex] = relabel(fields[labelIndex]);
            return string.Join(',', fields);
        })];
        return new SharedDataset(Name, _header, rows, Layout.Label, task);
    }

    /// <summary>How many rows have each label.</summary>
    public IReadOnlyDictionary<string, int> LabelCounts => _labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The whole dataset as one prepared split.</summary>
    public string WriteAll(string directory) => Write(Path.Combine(directory, Name + ".csv"), _rows);

    /// <summary>
    /// Seeded k-fold cross-validation files (stratified for classification). Each fold's training part is cut
    /// again into train and validation in the proportions of the default split spec (validation 0.15 of the
    /// whole, so 3/16 of the training part).
    /// </summary>
    public IReadOnlyList<FoldFiles> WriteFolds(string directory, int folds, int seed)
    {
        Directory.CreateDirectory(directory);
        bool stratify = Task != ModelTask.Regression;
        int[] outer = StratifiedFolds.Assign(_labels, folds, seed, stratify);
        var files = new List<FoldFiles>();
        for (int fold = 0; fold < folds; fold++)
        {
            int held = fold;
            int[] training = [.. Enumerable.Range(0, _rows.Length).Where(i => outer[i] != held)];
            int[] inner = StratifiedFolds.Assign([.. training.Select(i => _labels[i])], 16, seed + fold, stratify);
            files.Add(new FoldFiles(
                Write(Path.Combine(directory, $"{Name}-{fold}-train.csv"), training.Where((_, j) => inner[j] >= 3).Select(i => _rows[i])),
                Write(Path.Combine(directory, $"{Name}-{fold}-validation.csv"), training.Where((_, j) => inner[j] < 3).Select(i => _rows[i])),
                Write(Path.Combine(directory, $"{Name}-{fold}-test.csv"), _rows.Where((_, i) => outer[i] == held))));
        }

        return files;
    }

    private string Write(string path, IEnumerable<string> rows)
    {
        File.WriteAllLines(path, [_header, .. rows]);
        return path;
    }
}
