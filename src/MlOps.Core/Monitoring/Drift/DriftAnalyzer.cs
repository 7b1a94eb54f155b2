using System.Runtime.InteropServices;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Monitoring.Statistics;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// Compares a window of live inputs (a <see cref="WindowAccumulator"/>) with the training profile, column by column,
/// under the spec's policy (see <see cref="DriftRule"/>), and the model's outputs with its reference predictions.
/// </summary>
/// <remarks>
/// Reference side: numeric columns use the profile's sorted reservoir sample, categorical columns its top values
/// plus the "other" count; current categories outside the reference's top values are counted as "other". Columns
/// are compared in parallel; each comparison is exact on the values it is given.
/// </remarks>
public static class DriftAnalyzer
{
    /// <summary>How many out-of-reference categories a column lists.</summary>
    public const int ListedOutsideCategories = 10;

    private const string NoReferencePredictions = "no reference predictions were given (the version's predictions on its test split)";

    /// <param name="referencePredictions">The version's predictions on its test split; prediction drift is skipped with a reason without them.</param>
    /// <exception cref="ArgumentException">An invalid drift spec (thresholds out of range, unknown method).</exception>
    public static DriftReport Analyze(
        DatasetProfile reference, FeatureLayout layout, WindowAccumulator current, DriftSpec spec, DriftContext context, ReferencePredictions? referencePredictions = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(context);
        var rule = new DriftRule(spec);

        var work = new List<Func<ColumnDrift>>();
        foreach (string feature in layout.NumericFeatures)
        {
            work.Add(() => CompareNumericFeature(feature, reference, current, rule));
        }

        foreach (string feature in layout.CategoricalFeatures)
        {
            work.Add(() => CompareCategoricalFeature(feature, reference, current, rule));
        }

        work.Add(() => ComparePredictions(layout.Task, current, referencePredictions, rule));
        var results = new ColumnDrift[work.Count];
        Parallel.For(0, work.Count, i => results[i] = work[i]());

        ColumnDrift[] columns = [.. results[..^1]
            .OrderBy(c => c.Skipped is null ? 0 : 1)
            .ThenByDescending(c => c.Drifted)
            .ThenByDescending(c => c.Score)
            .ThenBy(c => c.Column, StringComparer.Ordinal)];
        int compared = columns.Count(c => c.Skipped is null);
        int drifted = columns.Count(c => c.Drifted);
        return new DriftReport
        {
            Id = context.Window.Id,
            Model = context.Model,
            Version = context.Version,
            Window = context.Window,
            CreatedAt = context.CreatedAt,
            DatasetVersion = context.DatasetVersion,
            SpecVersion = context.SpecVersion,
            ReferenceRows = reference.RowCount,
            Rows = current.Rows,
            RowsByVersion = new Dictionary<int, long>(current.RowsByVersion),
            MalformedLines = context.MalformedLines,
            SampleCap = current.SampleCap,
            Sampled = current.Sampled,
            MethodOverride = rule.Override,
            Policy = rule.Describe(),
            Columns = columns,
            ColumnsCompared = compared,
            ColumnsDrifted = drifted,
            DriftedShare = compared == 0 ? 0 : (double)drifted / compared,
            DatasetShare = spec.DatasetShare,
            DatasetDrifted = rule.DatasetDrifted(compared, drifted),
            PredictionDrift = results[^1],
        };
    }

    /// <summary>
    /// The method a spec names (ks, chiSquared, psi, wasserstein, jensenShannon; case-insensitive, chi2 and js accepted);
    /// null for none. Spec validation can call this to reject unknown names early.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static DriftMethod? ParseMethod(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "KS" => DriftMethod.Ks,
        "CHISQUARED" or "CHI2" or "CHISQUARE" => DriftMethod.ChiSquared,
        "PSI" => DriftMethod.Psi,
        "WASSERSTEIN" => DriftMethod.Wasserstein,
        "JENSENSHANNON" or "JS" => DriftMethod.JensenShannon,
        _ => throw new ArgumentException($"Unknown drift method '{name}'; use ks, chiSquared, psi, wasserstein or jensenShannon.", nameof(name)),
    };

    private static ColumnDrift CompareNumericFeature(string feature, DatasetProfile reference, WindowAccumulator current, DriftRule rule)
    {
        NumericWindowColumn window = current.NumericColumn(feature);
        ColumnDrift column = CurrentSide(window);
        NumericProfile? profile = reference.Columns.FirstOrDefault(c => c.Name == feature)?.Numeric;
        if (profile is null || profile.Sample.Count == 0)
        {
            return column with { Skipped = "the reference profile has no numeric sample of this column" };
        }

        return window.Count == 0
            ? column with { ReferenceValues = profile.Count, Skipped = "no numeric values in the window" }
            : CompareSamples(column, AsSpan(profile.Sample), profile.Count, window.ToSortedSample(), rule);
    }

    private static ColumnDrift CompareCategoricalFeature(string feature, DatasetProfile reference, WindowAccumulator current, DriftRule rule)
    {
        CategoricalWindowColumn window = current.CategoricalColumn(feature);
        ColumnDrift column = CurrentSide(window);
        CategoricalProfile? profile = reference.Columns.FirstOrDefault(c => c.Name == feature)?.Categorical;
        if (profile is null || profile.TopValues.Count == 0)
        {
            return column with { Skipped = "the reference profile has no category counts of this column" };
        }

        long referenceValues = profile.TopValues.Sum(v => v.Count) + profile.OtherCount;
        return window.Count == 0
            ? column with { ReferenceValues = referenceValues, Skipped = "no values in the window" }
            : CompareCategories(column, profile.TopValues, profile.OtherCount, window, rule);
    }

    /// <summary>Binary and regression outputs compare as numbers, multiclass predicted labels as categories.</summary>
    private static ColumnDrift ComparePredictions(ModelTask task, WindowAccumulator current, ReferencePredictions? reference, DriftRule rule)
    {
        if (task == ModelTask.Multiclass)
        {
            CategoricalWindowColumn labels = current.PredictedLabels!;
            string? missing = reference is null ? NoReferencePredictions
                : reference.Labels is not { Count: > 0 } ? "the reference predictions hold no predicted labels"
                : labels.Count == 0 ? "no predicted labels in the window"
                : null;
            return missing is not null ? CurrentSide(labels) with { Skipped = missing } : CompareCategories(CurrentSide(labels), reference!.Labels!, 0, labels, rule);
        }

        NumericWindowColumn values = current.PredictedValues!;
        double[] referenceValues = reference?.Values is { } given ? [.. given.Where(double.IsFinite)] : [];
        string? skipped = reference is null ? NoReferencePredictions
            : referenceValues.Length == 0 ? "the reference predictions hold no values"
            : values.Count == 0 ? "no predicted values in the window"
            : null;
        if (skipped is not null)
        {
            return CurrentSide(values) with { Skipped = skipped };
        }

        Array.Sort(referenceValues);
        return CompareSamples(CurrentSide(values), referenceValues, referenceValues.Length, values.ToSortedSample(), rule);
    }

    private static ColumnDrift CurrentSide(NumericWindowColumn window) => new()
    {
        Column = window.Name,
        Kind = DriftColumnKind.Numeric,
        CurrentValues = window.Count,
        CurrentCompared = window.SampleSize,
        CurrentMissing = window.Missing,
        CurrentTypeErrors = window.TypeErrors,
        CurrentSampled = window.Sampled,
    };

    private static ColumnDrift CurrentSide(CategoricalWindowColumn window) => new()
    {
        Column = window.Name,
        Kind = DriftColumnKind.Categorical,
        CurrentValues = window.Count,
        CurrentCompared = window.Count,
        CurrentMissing = window.Missing,
    };

    private static ColumnDrift CompareSamples(ColumnDrift column, ReadOnlySpan<double> referenceSorted, long referenceValues, double[] currentSorted, DriftRule rule)
    {
        CategoricalDriftStatistics? asCategories = DistinctValueStatistics(referenceSorted, currentSorted);
        column = column with
        {
            ReferenceValues = referenceValues,
            ReferenceCompared = referenceSorted.Length,
            Numeric = ColumnDriftCalculator.ComputeNumericSorted(referenceSorted, currentSorted),
            Categorical = asCategories,
            ComparedAsCategories = asCategories is not null,
        };
        return rule.Judge(column, rule.Choose(DriftColumnKind.Numeric, asCategories is not null, referenceValues));
    }

    /// <summary>Categories compared over the reference's top values plus "other" (see <see cref="CategoryAlignment"/>).</summary>
    private static ColumnDrift CompareCategories(ColumnDrift column, IReadOnlyList<CategoryCount> referenceTop, long referenceOther, CategoricalWindowColumn window, DriftRule rule)
    {
        var aligned = CategoryAlignment.Align(referenceTop, referenceOther, window);
        long referenceValues = aligned.Reference.Sum();
        column = column with
        {
            ReferenceValues = referenceValues,
            ReferenceCompared = referenceValues,
            Categorical = ColumnDriftCalculator.ComputeCategorical(aligned.Reference, aligned.Current),
            CategoriesOutsideReference = [.. aligned.Outside.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(ListedOutsideCategories)],
        };
        return rule.Judge(column, rule.Choose(DriftColumnKind.Categorical, asCategories: true, referenceValues));
    }

    /// <summary>
    /// Category statistics over the distinct values of two sorted samples, or null when they have more than
    /// <see cref="DriftRule.CategoricalMaxDistinct"/> distinct values between them (found in one merge walk that
    /// stops at the first value too many).
    /// </summary>
    private static CategoricalDriftStatistics? DistinctValueStatistics(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        Span<long> referenceCounts = stackalloc long[DriftRule.CategoricalMaxDistinct];
        Span<long> currentCounts = stackalloc long[DriftRule.CategoricalMaxDistinct];
        int distinct = 0, i = 0, j = 0;
        while (i < reference.Length || j < current.Length)
        {
            if (distinct == DriftRule.CategoricalMaxDistinct)
            {
                return null;
            }

            double value = i == reference.Length ? current[j] : j == current.Length ? reference[i] : Math.Min(reference[i], current[j]);
            int start = i;
            while (i < reference.Length && reference[i] == value)
            {
                i++;
            }

            referenceCounts[distinct] = i - start;
            start = j;
            while (j < current.Length && current[j] == value)
            {
                j++;
            }

            currentCounts[distinct++] = j - start;
        }

        return ColumnDriftCalculator.ComputeCategorical(referenceCounts[..distinct], currentCounts[..distinct]);
    }

    private static ReadOnlySpan<double> AsSpan(IReadOnlyList<double> values) => values switch
    {
        double[] array => array,
        List<double> list => CollectionsMarshal.AsSpan(list),
        _ => values.ToArray(),
    };
}
