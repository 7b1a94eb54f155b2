using System.Diagnostics;
using Microsoft.ML;
using MlOps.Core.Evaluation;
using MlOps.Core.Specs;

namespace MlOps.Core.Training;

/// <summary>
/// Trains one candidate of the search space and scores it for ranking. Stateless and thread-safe: each call has its
/// own <see cref="MLContext"/> seeded from the spec, so the same data, spec and candidate give the same metrics and
/// the same model.
/// </summary>
public sealed class CandidateTrainer
{
    /// <summary>
    /// Folds ≥ 2: stratified (classification), seeded k-fold cross-validation over train ∪ validation gives the ranking
    /// metrics (means over the folds), and the returned model is fit on train ∪ validation. Folds 0: the model is fit
    /// on train and ranked on validation. A candidate whose trainer fails yields an error message and no model, never
    /// an exception; a split that cannot be read still throws.
    /// </summary>
    public (CandidateResult Result, byte[]? ModelZip) Train(FeatureLayout layout, PipelineSpec spec, CandidateSpec candidate, string trainPath, string validationPath)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(candidate);
        var clock = Stopwatch.StartNew();
        TrainingSpec training = spec.Training;
        var ml = new MLContext(training.Seed);
        IDataView train = TrainingDataLoader.LoadIntoMemory(ml, layout, trainPath);
        IDataView validation = TrainingDataLoader.LoadIntoMemory(ml, layout, validationPath);
        try
        {
            TrainingProvenance provenance = TrainingProvenance.For(candidate, layout.Task, training);
            Dictionary<string, double>? ranking = null;
            IDataView fitData = train;
            if (training.Folds >= 2)
            {
                List<LabelledRow> rows = [.. LabelledRow.Read(ml, layout, train), .. LabelledRow.Read(ml, layout, validation)];
                ranking = CrossValidate(ml, layout, spec, candidate, rows);
                fitData = LabelledRow.ToDataView(ml, layout, rows);
            }
            else if (validation.GetRowCount() == 0)
            {
                throw new InvalidOperationException("The validation split has no rows to rank candidates on; set training.folds to 2 or more, or split.validation above 0.");
            }

            ITransformer model = Fit(ml, layout, spec, candidate, fitData);
            Dictionary<string, double> trainMetrics = ModelEvaluator.Evaluate(ml, model, layout, fitData);
            ranking ??= ModelEvaluator.Evaluate(ml, model, layout, validation);
            byte[] modelZip = Save(ml, model, train.Schema);
            return (new CandidateResult(candidate, ranking, trainMetrics, clock.Elapsed.TotalMilliseconds, null) { Provenance = provenance }, modelZip);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (new CandidateResult(candidate, [], [], clock.Elapsed.TotalMilliseconds, $"{candidate}: {ex.Message}"), null);
        }
    }

    /// <summary>
    /// Maps the label, then fits featurization and the candidate's trainer on loaded data (see
    /// <see cref="TrainingDataLoader"/>); the result holds featurization and predictor, not the label mapping.
    /// </summary>
    /// <exception cref="ArgumentException">The trainer or a parameter is unknown or invalid for the task.</exception>
    public ITransformer Fit(MLContext ml, FeatureLayout layout, PipelineSpec spec, CandidateSpec candidate, IDataView trainingData)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(candidate);
        TrainerDefinition trainer = TrainerCatalog.Find(candidate.Trainer, layout.Task);
        var settings = new TrainerSettings(ml, layout.Task, trainer.Resolve(candidate.Parameters), spec.Training.Seed);
        return FeaturePipeline.Fit(ml, layout, spec.Training.Featurization, trainer, settings, LabelMapping.Apply(ml, layout, trainingData));
    }

    /// <summary>The model as a zip, with the packed input schema it reads.</summary>
    public static byte[] Save(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(ml);
        using var buffer = new MemoryStream();
        ml.Model.Save(model, inputSchema, buffer);
        return buffer.ToArray();
    }

    private Dictionary<string, double> CrossValidate(MLContext ml, FeatureLayout layout, PipelineSpec spec, CandidateSpec candidate, List<LabelledRow> rows)
    {
        int folds = spec.Training.Folds;
        int[] assignment = StratifiedFolds.Assign([.. rows.Select(r => r.RawLabel)], folds, spec.Training.Seed, stratify: layout.Task != ModelTask.Regression);
        var perFold = new List<Dictionary<string, double>>(folds);
        for (int fold = 0; fold < folds; fold++)
        {
            int held = fold;
            ITransformer model = Fit(ml, layout, spec, candidate, LabelledRow.ToDataView(ml, layout, rows.Where((_, i) => assignment[i] != held)));
            perFold.Add(ModelEvaluator.Evaluate(ml, model, layout, LabelledRow.ToDataView(ml, layout, rows.Where((_, i) => assignment[i] == held))));
        }

        return ModelEvaluator.Average(perFold);
    }
}
