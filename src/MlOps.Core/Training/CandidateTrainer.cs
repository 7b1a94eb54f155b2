using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlOps.Core.Evaluation;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;
using MlOps.Core.Training.NativeLightGbm;

namespace MlOps.Core.Training;

/// <summary>
/// Trains one candidate of the search space and scores it for ranking. Stateless and thread-safe: each call has its
/// own <see cref="MLContext"/> seeded from the spec, so the same data, spec and candidate give the same metrics and
/// the same model.
/// </summary>
public sealed class CandidateTrainer
{
    /// <summary>
    /// LightGbm candidates of binary and regression tasks without text features train from the featurized rows
    /// through lib_lightgbm directly (see <see cref="NativeLightGbmFit"/>), the rest through ML.NET's LightGbm
    /// trainer. False sends every candidate through ML.NET's trainer (for comparisons).
    /// </summary>
    public bool NativeLightGbm { get; init; } = true;

    /// <summary>
    /// Folds ≥ 2: stratified (classification), seeded k-fold cross-validation over train ∪ validation gives the ranking
    /// metrics (means over the folds, with their spread in <see cref="CandidateResult.CrossValidation"/>), and the
    /// returned model is fit on train ∪ validation. Folds 0: the model is fit on train and ranked on validation.
    /// A binary classifier's decision threshold is the spec's, or is chosen on the validation rows (with folds, on
    /// every row's out-of-fold score); the threshold metrics are computed at it. A candidate whose trainer fails, or
    /// that is still training when <paramref name="budget"/> runs out, yields an error message and no model, never an
    /// exception; a split that cannot be read still throws.
    /// </summary>
    /// <param name="budget">How long the candidate may train; null for no limit.</param>
    public (CandidateResult Result, byte[]? ModelZip) Train(
        FeatureLayout layout, PipelineSpec spec, CandidateSpec candidate, string trainPath, string validationPath, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(candidate);
        var clock = Stopwatch.StartNew();
        TrainingSpec training = spec.Training;
        var ml = new MLContext(training.Seed);
        IDataView train = TrainingDataLoader.LoadIntoMemory(ml, layout, trainPath);
        IDataView validation = TrainingDataLoader.LoadIntoMemory(ml, layout, validationPath);
        using var timeLimit = new TrainingBudget(ml, budget);
        try
        {
            TrainingProvenance provenance = TrainingProvenance.For(candidate, layout.Task, training);
            CrossValidationSummary? crossValidation = null;
            double? threshold = null;
            IDataView fitData = train;
            if (training.Folds >= 2)
            {
                List<LabelledRow> rows = [.. LabelledRow.Read(ml, layout, train), .. LabelledRow.Read(ml, layout, validation)];
                (crossValidation, threshold) = CrossValidate(ml, layout, spec, candidate, rows, timeLimit.Token);
                fitData = LabelledRow.ToDataView(ml, layout, rows);
            }
            else if (validation.GetRowCount() == 0)
            {
                throw new InvalidOperationException("The validation split has no rows to rank candidates on; set training.folds to 2 or more, or split.validation above 0.");
            }

            ITransformer model = Fit(ml, layout, spec, candidate, fitData, cancellation: timeLimit.Token);
            if (layout.Task == ModelTask.Binary && threshold is null)
            {
                threshold = ChooseThreshold(training.Threshold, () => ModelEvaluator.ScoreBinary(ml, model, layout, validation));
            }

            double decision = threshold ?? ModelEvaluator.Threshold;
            Dictionary<string, double> trainMetrics = ModelEvaluator.Evaluate(ml, model, layout, fitData, decision);
            Dictionary<string, double> ranking = crossValidation?.Means(threshold) ?? ModelEvaluator.Evaluate(ml, model, layout, validation, decision);
            byte[] modelZip = Save(ml, model, train.Schema);
            return (new CandidateResult(candidate, ranking, trainMetrics, clock.Elapsed.TotalMilliseconds, null)
            {
                Provenance = provenance, Threshold = threshold, CrossValidation = crossValidation,
            }, modelZip);
        }
        catch (OperationCanceledException) when (timeLimit.Expired)
        {
            string limit = Math.Max(0, budget!.Value.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
            return (new CandidateResult(candidate, [], [], clock.Elapsed.TotalMilliseconds,
                $"{candidate}: stopped at its time budget of {limit} s, what was left of the search's training.maxWallTime"), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (new CandidateResult(candidate, [], [], clock.Elapsed.TotalMilliseconds, $"{candidate}: {ex.Message}"), null);
        }
    }

    /// <summary>
    /// Maps the label (and, with class weights, weighs each row by its class), then fits featurization and the
    /// candidate's trainer on loaded data (see <see cref="TrainingDataLoader"/>); the result holds featurization and
    /// predictor, not the label mapping or the weights.
    /// </summary>
    /// <param name="phases">Filled in with where the time went, when the native LightGBM path trains.</param>
    /// <param name="cancellation">Stops the native LightGBM path (ML.NET's trainers stop when their context is cancelled).</param>
    /// <exception cref="ArgumentException">The trainer or a parameter is unknown or invalid for the task.</exception>
    public ITransformer Fit(
        MLContext ml, FeatureLayout layout, PipelineSpec spec, CandidateSpec candidate, IDataView trainingData, TrainingPhaseTimes? phases = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(candidate);
        TrainerDefinition trainer = TrainerCatalog.Find(candidate.Trainer, layout.Task);
        IDataView labelled = LabelMapping.Apply(ml, layout, trainingData);
        string? weights = null;
        if (spec.Training.ClassWeights == ClassWeighting.Balanced && layout.Task != ModelTask.Regression)
        {
            labelled = ClassWeights.Apply(ml, labelled);
            weights = TrainingColumns.Weight;
        }

        var settings = new TrainerSettings(ml, layout.Task, trainer.Resolve(candidate.Parameters), spec.Training.Seed, weights);
        if (trainer.Name != TrainerCatalog.LightGbm)
        {
            return FeaturePipeline.Fit(ml, layout, spec.Training.Featurization, trainer, settings, labelled);
        }

        using (LightGbmThreadGate.Enter(settings.Int("numberOfThreads")))
        {
            return NativeLightGbm && NativeLightGbmFit.Applies(layout, spec.Training.Featurization, trainer, settings)
                ? NativeLightGbmFit.Fit(ml, layout, spec.Training.Featurization, settings, labelled, phases, cancellation).Model
                : FeaturePipeline.Fit(ml, layout, spec.Training.Featurization, trainer, settings, labelled);
        }
    }

    /// <summary>The model as a zip, with the packed input schema it reads.</summary>
    public static byte[] Save(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(ml);
        using var buffer = new MemoryStream();
        ml.Model.Save(model, inputSchema, buffer);
        return buffer.ToArray();
    }

    /// <summary>The spec's fixed threshold, or the one its rule picks on the scored rows (scored only when a rule needs them).</summary>
    private static double ChooseThreshold(ThresholdSpec? rule, Func<(bool[] Labels, double[] Probabilities)> score)
    {
        if (rule is null || rule.Rule == ThresholdRule.Fixed)
        {
            return (rule ?? ThresholdSpec.Default).Value;
        }

        (bool[] labels, double[] probabilities) = score();
        return DecisionThreshold.Choose(rule, labels, probabilities);
    }

    /// <summary>
    /// Fits one model per fold on the other folds and scores the fold with it. A binary threshold chosen by a rule is
    /// chosen on all the out-of-fold scores together, then every fold's metrics are computed at it.
    /// </summary>
    private (CrossValidationSummary Summary, double? Threshold) CrossValidate(
        MLContext ml, FeatureLayout layout, PipelineSpec spec, CandidateSpec candidate, List<LabelledRow> rows, CancellationToken cancellation)
    {
        int folds = spec.Training.Folds;
        int[] assignment = StratifiedFolds.Assign([.. rows.Select(r => r.RawLabel)], folds, spec.Training.Seed, stratify: layout.Task != ModelTask.Regression);
        var perFold = new List<IReadOnlyDictionary<string, double>>(folds);
        var binaryFolds = new List<(bool[] Labels, double[] Probabilities)>(folds);
        for (int fold = 0; fold < folds; fold++)
        {
            int held = fold;
            ITransformer model = Fit(ml, layout, spec, candidate, LabelledRow.ToDataView(ml, layout, rows.Where((_, i) => assignment[i] != held)), cancellation: cancellation);
            IDataView heldOut = LabelledRow.ToDataView(ml, layout, rows.Where((_, i) => assignment[i] == held));
            if (layout.Task == ModelTask.Binary)
            {
                binaryFolds.Add(ModelEvaluator.ScoreBinary(ml, model, layout, heldOut));
            }
            else
            {
                perFold.Add(ModelEvaluator.Evaluate(ml, model, layout, heldOut));
            }
        }

        if (layout.Task != ModelTask.Binary)
        {
            return (CrossValidationSummary.Of(perFold), null);
        }

        double threshold = ChooseThreshold(spec.Training.Threshold, () => ([.. binaryFolds.SelectMany(f => f.Labels)], [.. binaryFolds.SelectMany(f => f.Probabilities)]));
        perFold.AddRange(binaryFolds.Select(f => BinaryClassificationMetrics.Compute(f.Labels, f.Probabilities, threshold).Named()));
        return (CrossValidationSummary.Of(perFold), threshold);
    }
}
