using System.Globalization;
using MlOps.Core.Data.Inference;
using MlOps.Core.Data.Privacy;
using MlOps.Core.Data.Profiling;
using MlOps.Core.Data.Validation;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>
/// Checks a profiled dataset against its spec — the label, the class balance, the column contract, type errors,
/// missing, empty, constant and identifier-like columns — and chooses the features from what passes.
/// Returns every finding; the layout is null when the data cannot be trained on at all.
/// It needs only the profile's <see cref="DatasetSummary"/> (kinds, counts, ranges, cardinalities), which the profiler
/// knows after its first pass, so the splits can be written while the exact statistics are still being computed.
/// </summary>
public static class FeatureLayoutBuilder
{
    public static (FeatureLayout? Layout, List<ValidationFinding> Findings) Build(
        DatasetProfile profile, LabelObserver labels, PipelineSpec spec, IReadOnlyList<PiiColumn>? personal = null) =>
        Build(DatasetSummary.Of(profile), labels, spec, personal);

    /// <param name="personal">The columns that look like personal data: each must have the spec's decision (pii).</param>
    public static (FeatureLayout? Layout, List<ValidationFinding> Findings) Build(
        DatasetSummary summary, LabelObserver labels, PipelineSpec spec, IReadOnlyList<PiiColumn>? personal = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(spec);
        var findings = new List<ValidationFinding>();
        ValidationSpec rules = spec.Validation;
        string[] header = [.. summary.Columns.Select(c => c.Name)];

        foreach (string named in spec.Columns.Keys.Where(c => !header.Contains(c)))
        {
            findings.Add(Error("spec-column-missing", $"column '{named}' named in the spec is not in the data", named));
        }

        CheckPersonalData(spec, personal ?? [], findings);

        if (!labels.Found)
        {
            findings.Add(Error("label-column-missing", $"the label column '{spec.Label}' is not in the header (columns: {Shorten(header)})", spec.Label));
            return (null, findings);
        }

        int[] rowClasses = labels.RowClasses;
        long labelled = rowClasses.LongCount(c => c >= 0);
        ColumnSummary label = summary.Column(spec.Label);
        (string? positive, IReadOnlyList<string> classes) = CheckLabel(spec, labels, rowClasses, labelled, label, summary.RowCount, findings);

        var numeric = new List<string>();
        var categorical = new List<string>();
        var text = new List<string>();
        foreach (ColumnSummary column in summary.Columns.Where(c => c.Name != spec.Label))
        {
            if (!spec.Columns.ContainsKey(column.Name) && spec.Columns.Count > 0)
            {
                findings.Add(new ValidationFinding("unknown-column", rules.AllowUnknownColumns ? ValidationSeverity.Warning : ValidationSeverity.Error,
                    $"column '{column.Name}' is not in the spec's columns; {(rules.AllowUnknownColumns ? $"inferred as {column.Kind}" : "unknown columns are not allowed")}", column.Name));
            }

            if (spec.Pii.TryGetValue(column.Name, out PiiAction action) && action != PiiAction.Allow)
            {
                continue;
            }

            if (spec.Ignore.Contains(column.Name) || column.Kind == ColumnKind.Ignore)
            {
                if (column.Count == 0)
                {
                    findings.Add(Warning("empty-column", $"column '{column.Name}' has no values and was left out", column.Name));
                }

                continue;
            }

            double nonMissing = column.Count;
            double missingRate = (double)column.Missing / Math.Max(1, summary.RowCount);
            if (missingRate > rules.MaxMissingRate)
            {
                findings.Add(new ValidationFinding("missing-values", ValidationSeverity.Warning,
                    Invariant($"column '{column.Name}' is {missingRate:P1} missing (threshold {rules.MaxMissingRate:P0})"), column.Name, missingRate, rules.MaxMissingRate));
            }

            if (column.Kind == ColumnKind.Numeric && column.TypeErrors > 0)
            {
                double rate = column.TypeErrors / Math.Max(1, nonMissing);
                bool error = rate > rules.MaxTypeErrorRate;
                findings.Add(new ValidationFinding("type-errors", error ? ValidationSeverity.Error : ValidationSeverity.Info,
                    Invariant($"numeric column '{column.Name}' has {column.TypeErrors} values that are not numbers ({rate:P2}, threshold {rules.MaxTypeErrorRate:P2}){(error ? string.Empty : "; read as missing")}"),
                    column.Name, rate, rules.MaxTypeErrorRate));
            }

            if (IsConstant(column))
            {
                findings.Add(Warning("constant-column", $"column '{column.Name}' has a single value and was left out", column.Name));
                continue;
            }

            switch (column.Kind)
            {
                case ColumnKind.Numeric:
                    numeric.Add(column.Name);
                    break;
                case ColumnKind.Text:
                    text.Add(column.Name);
                    break;
                case ColumnKind.Categorical when column.Cardinality is long cardinality && !spec.Columns.ContainsKey(column.Name) && cardinality >= 0.9 * nonMissing && nonMissing > 20:
                    findings.Add(Warning("identifier-column", Invariant($"column '{column.Name}' has a distinct value in {cardinality / nonMissing:P0} of rows (an identifier?) and was left out"), column.Name));
                    break;
                default:
                    categorical.Add(column.Name);
                    break;
            }
        }

        if (numeric.Count + categorical.Count + text.Count == 0)
        {
            findings.Add(Error("no-features", "no usable feature columns besides the label"));
        }

        if (findings.Any(f => f.Severity == ValidationSeverity.Error))
        {
            return (null, findings);
        }

        var layout = new FeatureLayout
        {
            Task = spec.Task,
            Label = spec.Label,
            Columns = header,
            NumericFeatures = numeric,
            CategoricalFeatures = categorical,
            TextFeatures = text,
            NumericWithMissing = [.. numeric.Where(n => summary.Column(n) is { } c && (c.Missing > 0 || c.TypeErrors > 0))],
            CategoricalCardinality = categorical.ToDictionary(
                c => c, c => (int)Math.Min(int.MaxValue, summary.Column(c).Cardinality ?? 0), StringComparer.Ordinal),
            PositiveClass = positive,
            Classes = classes,
            Pii = spec.Pii.Where(p => p.Value != PiiAction.Allow && header.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
        return (layout, findings);
    }

    /// <summary>
    /// A column that looks personal needs the spec's decision before anything is trained or stored: an error names
    /// the column, the pattern and what to write; with a decision, an informational finding records it.
    /// </summary>
    private static void CheckPersonalData(PipelineSpec spec, IReadOnlyList<PiiColumn> personal, List<ValidationFinding> findings)
    {
        foreach (PiiColumn column in personal)
        {
            string pattern = PatternName(column.Pattern);
            string what = Invariant($"column '{column.Name}' looks like personal data: {column.Share:0.#%} of the {column.Examined} values examined are {pattern}");
            if (spec.Pii.TryGetValue(column.Name, out PiiAction action))
            {
                findings.Add(new ValidationFinding("pii-column", ValidationSeverity.Info,
                    $"{what}; the spec says {action.ToString().ToLowerInvariant()}", column.Name, column.Share));
            }
            else
            {
                findings.Add(new ValidationFinding("pii-column", ValidationSeverity.Error,
                    $"{what}; decide in the spec with \"pii\": {{ \"{column.Name}\": \"drop\" }} (or \"hash\", or \"allow\" to train on it)",
                    column.Name, column.Share, PiiObserver.FlagShare));
            }
        }
    }

    private static string PatternName(PiiPattern pattern) => pattern switch
    {
        PiiPattern.Email => "e-mail addresses",
        PiiPattern.Phone => "phone numbers",
        PiiPattern.Iban => "IBANs",
        PiiPattern.CardNumber => "payment card numbers (Luhn check)",
        PiiPattern.NationalId => "national ID numbers",
        PiiPattern.IpAddress => "IP addresses",
        PiiPattern.PersonName => "person names",
        _ => pattern.ToString(),
    };

    private static (string? Positive, IReadOnlyList<string> Classes) CheckLabel(
        PipelineSpec spec, LabelObserver labels, int[] rowClasses, long labelled, ColumnSummary label, long rows, List<ValidationFinding> findings)
    {
        ValidationSpec rules = spec.Validation;
        if (labelled == 0)
        {
            findings.Add(Error("label-empty", $"the label column '{spec.Label}' has no values", spec.Label));
            return (null, []);
        }

        if (labelled < rows)
        {
            findings.Add(Warning("label-missing-values", Invariant($"{rows - labelled} rows without a label were left out"), spec.Label));
        }

        if (labelled < rules.MinRows)
        {
            findings.Add(new ValidationFinding("too-few-rows", ValidationSeverity.Error,
                Invariant($"only {labelled} labelled rows; at least {rules.MinRows} are needed to train and evaluate"), spec.Label, labelled, rules.MinRows));
        }

        if (spec.Task == ModelTask.Regression)
        {
            if (label.Range is not { } range || label.TypeErrors > 0)
            {
                findings.Add(Error("label-not-numeric", $"a regression label must be numeric; '{spec.Label}' has {label.TypeErrors} values that are not numbers", spec.Label));
            }
            else if (range.Min == range.Max)
            {
                findings.Add(Error("label-constant", $"the label '{spec.Label}' is constant ({range.Min.ToString(CultureInfo.InvariantCulture)})", spec.Label));
            }

            return (null, []);
        }

        if (labels.TooManyClasses)
        {
            findings.Add(Error("label-too-many-classes", $"the label '{spec.Label}' has more than 1000 distinct values; is it a regression target?", spec.Label));
            return (null, []);
        }

        IReadOnlyList<string> names = labels.ClassNames;
        long[] counts = new long[names.Count];
        foreach (int c in rowClasses.Where(c => c >= 0))
        {
            counts[c]++;
        }

        if (names.Count < 2)
        {
            findings.Add(Error("label-single-class", $"the label '{spec.Label}' has a single value ('{names[0]}'); a classifier needs at least two", spec.Label));
            return (null, []);
        }

        if (spec.Task == ModelTask.Binary && names.Count != 2)
        {
            findings.Add(Error("binary-class-count", Invariant($"a binary task needs exactly 2 label values in '{spec.Label}', found {names.Count}: {Shorten(names)}"), spec.Label));
            return (null, []);
        }

        for (int c = 0; c < names.Count; c++)
        {
            if (counts[c] < rules.MinRowsPerClass)
            {
                findings.Add(new ValidationFinding("class-too-small", ValidationSeverity.Error,
                    Invariant($"label class '{names[c]}' has {counts[c]} rows; each class needs at least {rules.MinRowsPerClass}"), spec.Label, counts[c], rules.MinRowsPerClass));
            }
        }

        double minority = counts.Min() / (double)labelled;
        if (minority < rules.MinClassShare)
        {
            int rarest = Array.IndexOf(counts, counts.Min());
            findings.Add(new ValidationFinding("class-imbalance", ValidationSeverity.Warning,
                Invariant($"label class '{names[rarest]}' is only {minority:P2} of the rows (threshold {rules.MinClassShare:P0})"), spec.Label, minority, rules.MinClassShare));
        }

        if (spec.Task == ModelTask.Multiclass)
        {
            return (null, [.. names.Order(StringComparer.Ordinal)]);
        }

        // The rarer class is usually the event of interest (fraud, churn, malignant); ties go to the later name.
        string positive = spec.PositiveClass
            ?? (counts[0] < counts[1] || (counts[0] == counts[1] && string.CompareOrdinal(names[0], names[1]) > 0) ? names[0] : names[1]);
        if (!names.Contains(positive))
        {
            findings.Add(Error("positive-class-missing", $"positiveClass '{positive}' is not a value of '{spec.Label}' ({Shorten(names)})", spec.Label));
            return (null, []);
        }

        return (positive, [names.First(c => c != positive), positive]);
    }

    private static bool IsConstant(ColumnSummary column) => column.Count > 0 && column.Kind switch
    {
        ColumnKind.Numeric => column.Range is { } range && range.Min == range.Max,
        ColumnKind.Categorical => column.Cardinality == 1,
        _ => false,
    };

    private static ValidationFinding Error(string code, string message, string? column = null) => new(code, ValidationSeverity.Error, message, column);

    private static ValidationFinding Warning(string code, string message, string? column = null) => new(code, ValidationSeverity.Warning, message, column);

    private static string Shorten(IEnumerable<string> names)
    {
        string[] all = [.. names];
        return string.Join(", ", all.Take(20)) + (all.Length > 20 ? ", …" : string.Empty);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
