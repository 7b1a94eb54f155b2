using System.Globalization;
using MlOps.Core.Data.Validation;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Runs;
using MlOps.Core.Specs;

namespace MlOps.Core.Registry.Cards;

/// <summary>Builds a <see cref="ModelCard"/> from the records already stored about a version; any of them but the version may be missing.</summary>
public static class ModelCardComposer
{
    public static ModelCard Compose(
        ModelVersionRecord version,
        RunRecord? run,
        SpecVersionRecord? spec,
        ValidationReport? validation,
        IReadOnlyList<DriftReportSummary> drift,
        IReadOnlyList<PromotionRecord> history)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(drift);
        ArgumentNullException.ThrowIfNull(history);
        PipelineSpec? pipeline = spec?.Spec;
        List<DriftReportSummary> versionDrift = [.. drift.Where(d => d.Version == version.Version).OrderByDescending(d => d.CreatedAt)];
        string? source = validation?.Source ?? run?.DatasetBlob;
        (string? container, string? blob) = SplitSource(validation?.Source, run?.DatasetBlob);
        return new ModelCard
        {
            Model = version.Model,
            Version = version.Version,
            Task = pipeline?.Task,
            Label = pipeline?.Label,
            RunId = version.RunId,
            CreatedAt = version.CreatedAt,
            Sha256 = version.Sha256,
            Data = new ModelCardData
            {
                DatasetVersion = version.DatasetVersion ?? validation?.DatasetVersion,
                Source = source,
                Container = container,
                Blob = blob,
                Rows = validation?.Rows,
                LabelledRows = validation?.LabelledRows,
                Columns = validation?.Columns,
                Splits = validation?.Splits,
                PersonalData = validation is null ? [] :
                    [.. validation.PersonalData.Select(p => new ModelCardPersonalColumn(p.Name, p.Pattern, p.Share, pipeline?.Pii.TryGetValue(p.Name, out PiiAction a) == true ? a : null))],
                Findings = validation?.Findings ?? [],
            },
            Training = new ModelCardTraining
            {
                Trainer = version.Trainer,
                Parameters = version.Parameters,
                SpecVersion = version.SpecVersion,
                SelectionMetric = run?.Decision?.PrimaryMetric ?? pipeline?.Training.SelectionMetric,
                ThresholdRule = pipeline is { Task: ModelTask.Binary } ? (pipeline.Training.Threshold ?? ThresholdSpec.Default).ToString() : null,
                ClassWeights = pipeline?.Training.ClassWeights,
                Folds = pipeline?.Training.Folds,
                Seed = pipeline?.Training.Seed,
                TrainersSearched = pipeline is null ? [] : [.. pipeline.Training.Trainers.Select(t => t.Name)],
            },
            Evaluation = new ModelCardEvaluation
            {
                Metrics = version.Metrics,
                CrossValidation = version.CrossValidation,
                Threshold = version.Threshold,
                ConfusionMatrix = version.ConfusionMatrix,
                Importance = version.Importance,
                Overfit = run?.Decision?.Overfit,
            },
            Limitations = Limitations(run, validation, versionDrift),
            DriftHistory = versionDrift,
            Decision = run is null ? null : new ModelCardDecision(run.Status, run.Reason, run.Decision),
            Promotions = [.. history.Where(p => p.ToVersion == version.Version || p.FromVersion == version.Version).OrderByDescending(p => p.At)],
        };
    }

    /// <summary>
    /// The validation report names its source "{container}/{blob}" (a container name has no slash, so the first one
    /// separates them); a run without a report knows only the blob.
    /// </summary>
    private static (string? Container, string? Blob) SplitSource(string? reportSource, string? runBlob)
    {
        int slash = reportSource?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 ? (reportSource![..slash], reportSource[(slash + 1)..]) : (null, reportSource ?? runBlob);
    }

    private static List<ModelCardLimitation> Limitations(RunRecord? run, ValidationReport? validation, IReadOnlyList<DriftReportSummary> drift)
    {
        var limitations = new List<ModelCardLimitation>();
        if (run?.Decision?.Overfit is { Overfit: true } overfit)
        {
            limitations.Add(new ModelCardLimitation("overfit", overfit.Describe()));
        }

        if (validation is not null)
        {
            limitations.AddRange(validation.Findings.Where(f => f.Severity == ValidationSeverity.Warning).Select(f => new ModelCardLimitation(f.Code, f.Message, f.Column)));
        }
        else if (run?.Warnings is { } warnings)
        {
            // Without the report (deleted, or from before reports were stored), the run's warning lines still say what was found.
            limitations.AddRange(warnings.Select(w => new ModelCardLimitation("validation", w)));
        }

        foreach (DriftReportSummary report in drift.Where(d => d.DatasetDrifted || d.PredictionDrifted == true))
        {
            string what = report.DatasetDrifted
                ? string.Create(CultureInfo.InvariantCulture, $"{report.ColumnsDrifted} of {report.ColumnsCompared} columns drifted ({string.Join(", ", report.MostDrifted)})")
                : "the predictions drifted";
            limitations.Add(new ModelCardLimitation("drift", $"{what} in window {report.Id}", At: report.CreatedAt));
        }

        return limitations;
    }
}
