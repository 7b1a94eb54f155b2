using System.Globalization;
using MlOps.Core.Specs;

namespace MlOps.Core.Data.Validation;

/// <summary>Turns the row-level checks (duplicates, leakage) into findings against the spec's thresholds.</summary>
public static class RowFindings
{
    public static IEnumerable<ValidationFinding> From(RowChecks checks, ValidationSpec rules)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(rules);
        if (checks.Duplicates > 0)
        {
            double rate = checks.Duplicates / (double)checks.DuplicateRowsChecked;
            bool error = rate > rules.MaxDuplicateRate;
            yield return new ValidationFinding("duplicate-rows", error ? ValidationSeverity.Error : ValidationSeverity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"{checks.Duplicates} rows repeat an earlier row exactly ({rate:P2} of {checks.DuplicateRowsChecked} checked, threshold {rules.MaxDuplicateRate:P0})"),
                null, rate, rules.MaxDuplicateRate);
        }

        foreach ((string column, string why) in checks.LeakingFeatures())
        {
            yield return new ValidationFinding("leakage", rules.FailOnLeakage ? ValidationSeverity.Error : ValidationSeverity.Warning,
                $"feature '{column}' predicts the label perfectly ({why}): a leaked copy of the label? Ignore the column, or set validation.failOnLeakage to false if it is legitimate", column);
        }
    }
}
