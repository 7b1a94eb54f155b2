using System.Text.Json;
using Microsoft.ML;
using MlOps.Core.Registry;
using MlOps.Core.Serving.Explanations;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>
/// A verified model version loaded for serving, for any task: binary (class at the version's decision threshold, score, positive-class probability),
/// multiclass (most probable class and every class's probability), regression (the value).
/// </summary>
public sealed class LoadedModel
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly RowPacker _packer;
    private readonly IPackedScorer _scorer;
    private readonly Lazy<ModelExplainer> _explainer;

    public LoadedModel(ModelVersionRecord version, byte[] artifact)
    {
        ArgumentNullException.ThrowIfNull(version);
        Version = version;
        FeatureLayout layout = version.Layout;
        ITransformer transformer;
        using (var stream = new MemoryStream(artifact, writable: false))
        {
            transformer = _ml.Model.Load(stream, out _);
        }

        _packer = new RowPacker(layout);
        // Built on first use (and its refusal kept): a model nobody asks to explain never pays for it.
        _explainer = new Lazy<ModelExplainer>(() => ModelExplainer.Create(_ml, transformer, layout), LazyThreadSafetyMode.ExecutionAndPublication);
        _scorer = layout.Task switch
        {
            ModelTask.Binary => new PooledScorer<BinaryScore>(_ml, transformer, layout, BinaryAnswer(layout, version.DecisionThreshold), TreeEnsembleBinaryScorer.TryCreate(_ml, transformer, layout) is { } trees ? trees.Score : null),
            ModelTask.Multiclass => new PooledScorer<MulticlassScore>(_ml, transformer, layout, MulticlassAnswer(layout)),
            _ => new PooledScorer<RegressionScore>(_ml, transformer, layout, s => new Prediction(null, s.Score, null)),
        };
    }

    public ModelVersionRecord Version { get; }

    /// <summary>Checks and packs every row first (a bad row fails the request before anything is scored), then scores them.</summary>
    public IReadOnlyList<Prediction> Predict(JsonElement rows) => _scorer.Predict(Pack(rows));

    /// <summary>Checks and packs JSON rows for this model.</summary>
    /// <exception cref="PredictionInputException">Not an array of row objects, or a row that does not fit the layout; the message names it.</exception>
    public IReadOnlyList<PackedRow> Pack(JsonElement rows)
    {
        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw new PredictionInputException("Expected a JSON array of rows (or an object with a 'rows' array).");
        }

        var packed = new List<PackedRow>(rows.GetArrayLength());
        foreach (JsonElement row in rows.EnumerateArray())
        {
            packed.Add(_packer.Pack(row, packed.Count));
        }

        return packed;
    }

    /// <summary>Each row's explanation with its <paramref name="top"/> largest contributions (see <see cref="PredictionExplanation"/>).</summary>
    /// <exception cref="ExplanationUnavailableException">A multiclass model, or one whose predictor has neither trees nor weights.</exception>
    public IReadOnlyList<PredictionExplanation> Explain(IReadOnlyList<PackedRow> rows, int top) => _explainer.Value.Explain(rows, top);

    /// <summary>The input columns a batch explanation gives a share for, in order.</summary>
    /// <exception cref="ExplanationUnavailableException">A multiclass model, or one whose predictor has neither trees nor weights.</exception>
    public IReadOnlyList<string> ExplainedColumns => _explainer.Value.Columns;

    /// <summary>Every column's share (in <see cref="ExplainedColumns"/> order) and the bias for each row, for batch files.</summary>
    public IReadOnlyList<(double Bias, double[] Shares)> ExplainAll(IReadOnlyList<PackedRow> rows) => _explainer.Value.ExplainAll(rows);

    /// <summary>Scores rows already packed, on the calling thread as a request is.</summary>
    public IReadOnlyList<Prediction> Predict(IReadOnlyList<PackedRow> rows) => _scorer.Predict(rows);

    /// <summary>Scores packed rows as a stream, for batch scoring: chunks scored on every core, answers in input order.</summary>
    public IEnumerable<Prediction> PredictBatch(IEnumerable<PackedRow> rows) => _scorer.PredictBatch(rows);

    /// <summary>Scores a data view with the packed columns (Numeric, Categorical, Text sized as in the layout), as a stream.</summary>
    public IEnumerable<Prediction> PredictBatch(IDataView rows) => _scorer.PredictBatch(rows);

    /// <summary>The class at the version's decision threshold: every way of scoring (one row, a request, a batch, the packed tree walk) ends here.</summary>
    private static Func<BinaryScore, Prediction> BinaryAnswer(FeatureLayout layout, double threshold)
    {
        string positive = layout.PositiveClass ?? throw new InvalidOperationException("A binary layout needs a positive class.");
        string negative = layout.Classes.First(c => c != positive);
        return s => new Prediction(s.Probability >= threshold ? positive : negative, s.Score, s.Probability);
    }

    private static Func<MulticlassScore, Prediction> MulticlassAnswer(FeatureLayout layout) => s =>
    {
        int best = 0;
        var probabilities = new Dictionary<string, double>(layout.Classes.Count);
        for (int i = 0; i < s.Score.Length; i++)
        {
            best = s.Score[i] > s.Score[best] ? i : best;
            probabilities[layout.Classes[i]] = s.Score[i];
        }

        return new Prediction(layout.Classes[best], s.Score[best], s.Score[best]) { Probabilities = probabilities };
    };
}
