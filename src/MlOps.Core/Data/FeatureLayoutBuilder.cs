using System.Globalization;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Data;

/// <summary>Chooses features and their kinds from a scan and the spec, and checks the label; returns a reason when the data cannot be trained on.</summary>
public static class FeatureLayoutBuilder
{
    public static (FeatureLayout? Layout, string? Problem, List<string> Warnings) Build(DatasetScan scan, PipelineSpec spec, int minRows)
    {
        var warnings = new List<string>();
        long labelled = scan.LabelledRows;
        if (labelled == 0)
        {
            return (null, $"the label column '{spec.Label}' has no values", warnings);
        }

        if (scan.Rows > labelled)
        {
            warnings.Add(Invariant($"{scan.Rows - labelled} rows without a label were left out"));
        }

        if (labelled < minRows)
        {
            return (null, Invariant($"only {labelled} labelled rows; at least {minRows} are needed to train and evaluate"), warnings);
        }

        string? positive = null;
        if (spec.Task == ModelTask.Binary)
        {
            if (scan.ClassNames.Count != 2)
            {
                return (null, Invariant($"a binary task needs exactly 2 label values in '{spec.Label}', found {scan.ClassNames.Count}: {string.Join(", ", scan.ClassNames.Take(10))}"), warnings);
            }

            positive = spec.PositiveClass ?? MinorityClass(scan);
            if (!scan.ClassNames.Contains(positive))
            {
                return (null, $"positiveClass '{positive}' is not a value of '{spec.Label}' ({string.Join(", ", scan.ClassNames)})", warnings);
            }
        }

        var numeric = new List<string>();
        var categorical = new List<string>();
        foreach (ColumnScan column in scan.Columns)
        {
            if (column.Name == spec.Label || spec.Ignore.Contains(column.Name))
            {
                continue;
            }

            if (column.Present == 0)
            {
                warnings.Add($"column '{column.Name}' has no values and was left out");
            }
            else if (column.IsNumeric)
            {
                numeric.Add(column.Name);
            }
            else if (column.DistinctCapped || column.Distinct.Count > Math.Max(50, column.Present / 2))
            {
                warnings.Add(Invariant($"column '{column.Name}' looks like an identifier or free text ({(column.DistinctCapped ? "over " : string.Empty)}{column.Distinct.Count} distinct values) and was left out"));
            }
            else
            {
                categorical.Add(column.Name);
            }
        }

        if (numeric.Count + categorical.Count == 0)
        {
            return (null, "no usable feature columns besides the label", warnings);
        }

        if (numeric.Count == 0)
        {
            return (null, "at least one numeric feature column is needed for now", warnings);
        }

        IReadOnlyList<string> classes = spec.Task switch
        {
            ModelTask.Binary => [scan.ClassNames.First(c => c != positive), positive!],
            ModelTask.Multiclass => [.. scan.ClassNames.Order(StringComparer.Ordinal)],
            _ => [],
        };
        var layout = new FeatureLayout
        {
            Task = spec.Task,
            Label = spec.Label,
            Columns = scan.Header,
            NumericFeatures = numeric,
            CategoricalFeatures = categorical,
            PositiveClass = positive,
            Classes = classes,
        };
        return (layout, null, warnings);
    }

    // The rarer class is usually the event of interest (fraud, churn, malignant); ties go to the later name.
    private static string MinorityClass(DatasetScan scan)
    {
        long first = scan.LabelClasses.Count(c => c == 0);
        long second = scan.LabelClasses.Count(c => c == 1);
        return first < second || (first == second && string.CompareOrdinal(scan.ClassNames[0], scan.ClassNames[1]) > 0)
            ? scan.ClassNames[0]
            : scan.ClassNames[1];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
