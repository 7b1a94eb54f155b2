using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Serving.Explanations;

/// <summary>
/// Explains a binary or regression model's predictions per row: runs the model's own featurization (normalization
/// included, so a linear model's shares are in raw-score units), splits the predictor's raw score into a bias and
/// one share per feature slot, and sums the slots back into the input columns they were made from. Built on the
/// first request that asks for an explanation, so a model never explained costs nothing.
/// </summary>
internal sealed class ModelExplainer
{
    private const int SliceRows = 1024;

    private readonly MLContext _ml;
    private readonly ITransformer _featurizer;
    private readonly SchemaDefinition _input;
    private readonly SchemaDefinition _output;
    private readonly IScoreAttribution _attribution;
    private readonly int[] _columnOfSlot;
    private readonly string[] _columns;
    private readonly ConcurrentBag<PredictionEngine<PackedRow, FeaturizedRow>> _engines = [];

    private ModelExplainer(MLContext ml, ITransformer featurizer, FeatureLayout layout, string featureColumn, IScoreAttribution attribution, string[] slotSources)
    {
        _ml = ml;
        _featurizer = featurizer;
        _input = PackedSchema.For<PackedRow>(layout);
        _output = FeaturizedRow.Schema(featureColumn);
        _attribution = attribution;
        _columns = [.. layout.AllFeatures.Distinct(StringComparer.Ordinal)];
        var index = _columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        _columnOfSlot = [.. slotSources.Select(s => index[s])];
    }

    /// <summary>The input columns, in the order of <see cref="ExplainAll"/>'s shares.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <exception cref="ExplanationUnavailableException">Multiclass, or a predictor that is neither a tree ensemble nor linear; the message says which.</exception>
    public static ModelExplainer Create(MLContext ml, ITransformer model, FeatureLayout layout)
    {
        if (layout.Task == ModelTask.Multiclass)
        {
            throw new ExplanationUnavailableException(
                "Explanations are given for binary and regression models; this model is multiclass (one raw score per class, none of which alone is the answer).");
        }

        List<ITransformer> steps = TransformerSteps.Flatten(model);
        // The predictor is the last step with a feature column; a binary forest's Platt calibrator may follow it.
        int at = steps.FindLastIndex(s => s is ISingleFeaturePredictionTransformer<object> { Model: not ICalibrator });
        if (at < 0)
        {
            throw new ExplanationUnavailableException("The model has no predictor step to explain.");
        }

        var predictor = (ISingleFeaturePredictionTransformer<object>)steps[at];
        IScoreAttribution attribution = AttributionFor(predictor.Model)
            ?? throw new ExplanationUnavailableException(
                $"The predictor {predictor.Model.GetType().Name} is neither a tree ensemble (LightGbm, FastTree, FastForest) nor linear, so its predictions are not explained.");
        var featurizer = new TransformerChain<ITransformer>([.. steps.Take(at)]);
        DataViewSchema inputSchema = PackedSchema.ToDataView(ml, layout, []).Schema;
        DataViewSchema featurized = featurizer.GetOutputSchema(inputSchema);
        int slots = featurized.GetColumnOrNull(predictor.FeatureColumnName)?.Type is VectorDataViewType { Size: > 0 } vector ? vector.Size : 0;
        string[] sources = FeaturePipeline.SlotSources(featurized, layout, slots)
            ?? throw new ExplanationUnavailableException("The model's feature vector does not map back to its input columns, so its predictions are not explained.");
        return new ModelExplainer(ml, featurizer, layout, predictor.FeatureColumnName, attribution, sources);
    }

    /// <summary>One explanation per row, with the <paramref name="top"/> largest contributions.</summary>
    public PredictionExplanation[] Explain(IReadOnlyList<PackedRow> rows, int top)
    {
        var explanations = new PredictionExplanation[rows.Count];
        var shares = new double[_columns.Length];
        WithEngine(engine =>
        {
            for (int i = 0; i < rows.Count; i++)
            {
                Array.Clear(shares);
                double bias = Attribute(engine, rows[i], shares);
                explanations[i] = Summarize(bias, shares, top);
            }
        });
        return explanations;
    }

    /// <summary>Every column's share for each row (in <see cref="Columns"/> order) and the bias, for batch files: slices of rows on every core.</summary>
    public (double Bias, double[] Shares)[] ExplainAll(IReadOnlyList<PackedRow> rows)
    {
        var all = new (double, double[])[rows.Count];
        Parallel.For(0, (rows.Count + SliceRows - 1) / SliceRows, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, slice =>
            WithEngine(engine =>
            {
                for (int i = slice * SliceRows; i < Math.Min(rows.Count, (slice + 1) * SliceRows); i++)
                {
                    var shares = new double[_columns.Length];
                    all[i] = (Attribute(engine, rows[i], shares), shares);
                }
            }));
        return all;
    }

    private double Attribute(PredictionEngine<PackedRow, FeaturizedRow> engine, PackedRow row, double[] shares) =>
        _attribution.Attribute(engine.Predict(row).Features, _columnOfSlot, shares);

    private PredictionExplanation Summarize(double bias, double[] shares, int top)
    {
        int[] order = [.. Enumerable.Range(0, shares.Length).OrderByDescending(i => Math.Abs(shares[i]))];
        int listed = Math.Min(top, order.Length);
        var contributions = new FeatureContribution[listed];
        for (int k = 0; k < listed; k++)
        {
            contributions[k] = new FeatureContribution(_columns[order[k]], shares[order[k]]);
        }

        double rest = 0;
        for (int k = listed; k < order.Length; k++)
        {
            rest += shares[order[k]];
        }

        return new PredictionExplanation(_attribution.Method, bias, contributions, rest);
    }

    private void WithEngine(Action<PredictionEngine<PackedRow, FeaturizedRow>> use)
    {
        PredictionEngine<PackedRow, FeaturizedRow> engine = _engines.TryTake(out PredictionEngine<PackedRow, FeaturizedRow>? pooled)
            ? pooled
            : _ml.Model.CreatePredictionEngine<PackedRow, FeaturizedRow>(_featurizer, inputSchemaDefinition: _input, outputSchemaDefinition: _output);
        try
        {
            use(engine);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private static IScoreAttribution? AttributionFor(object model)
    {
        // A calibrated model (LightGbm and FastTree binary, logistic regression) wraps the predictor whose output is the raw score.
        object predictor = SubModel(model) ?? model;
        return predictor switch
        {
            // A regression forest's value is the mean of its trees' outputs (a binary forest's score is their sum).
            FastForestRegressionModelParameters q => Trees(
                q.TrainedTreeEnsemble.Trees, [.. q.TrainedTreeEnsemble.TreeWeights.Select(w => w / q.TrainedTreeEnsemble.Trees.Count)], q.TrainedTreeEnsemble.Bias),
            TreeEnsembleModelParametersBasedOnRegressionTree t => Trees(t.TrainedTreeEnsemble.Trees, t.TrainedTreeEnsemble.TreeWeights, t.TrainedTreeEnsemble.Bias),
            TreeEnsembleModelParametersBasedOnQuantileRegressionTree f => Trees(f.TrainedTreeEnsemble.Trees, f.TrainedTreeEnsemble.TreeWeights, f.TrainedTreeEnsemble.Bias),
            LinearModelParameters linear => new LinearAttribution([.. linear.Weights], linear.Bias),
            _ => null,
        };
    }

    /// <summary>The calibrated model's sub-model (declared at more than one level of its hierarchy: the most derived one), or null.</summary>
    private static object? SubModel(object model)
    {
        for (Type? type = model.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetProperty("SubModel", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly) is { } property)
            {
                return property.GetValue(model);
            }
        }

        return null;
    }

    private static TreePathAttribution Trees<TTree>(IReadOnlyList<TTree> trees, IReadOnlyList<double> weights, double bias)
        where TTree : RegressionTreeBase => new([.. trees], weights, bias);
}
