using System.Globalization;

namespace MlOps.Core.Data.Inference;

/// <summary>
/// Decides each column's kind, first rule that applies:
/// <list type="number">
/// <item>an override from the pipeline spec (column name → kind);</item>
/// <item>no non-missing value → <see cref="ColumnKind.Ignore"/>;</item>
/// <item>at least <see cref="ColumnKindRules.MinNumericShare"/> (99%) of non-missing values parse as finite numbers → <see cref="ColumnKind.Numeric"/>;</item>
/// <item>distinct values ≤ max(<see cref="ColumnKindRules.CategoricalMaxDistinct"/>, 5% of rows) → <see cref="ColumnKind.Categorical"/>;</item>
/// <item>long (mean ≥ 20 characters) multi-word (≥ 50% contain a space) strings → <see cref="ColumnKind.Text"/>;</item>
/// <item>otherwise (short strings of high cardinality: codes, ids, names) → <see cref="ColumnKind.Categorical"/>.</item>
/// </list>
/// </summary>
public sealed class ColumnKindInference
{
    private readonly ColumnKindRules _rules;
    private readonly IReadOnlyDictionary<string, ColumnKind> _overrides;

    public ColumnKindInference(ColumnKindRules? rules = null, IReadOnlyDictionary<string, ColumnKind>? overrides = null)
    {
        _rules = rules ?? new ColumnKindRules();
        _overrides = overrides ?? new Dictionary<string, ColumnKind>();
    }

    public ColumnKindDecision Decide(string columnName, ColumnEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (_overrides.TryGetValue(columnName, out ColumnKind forced))
        {
            return new ColumnKindDecision(forced, "set by the pipeline spec");
        }

        if (evidence.NonMissing == 0)
        {
            return new ColumnKindDecision(ColumnKind.Ignore, "every value is missing");
        }

        double numericShare = (double)evidence.ParsedAsNumber / evidence.NonMissing;
        if (numericShare >= _rules.MinNumericShare)
        {
            return new ColumnKindDecision(ColumnKind.Numeric, Invariant($"{numericShare:P1} of values are numbers"));
        }

        double distinctLimit = Math.Max(_rules.CategoricalMaxDistinct, _rules.CategoricalMaxDistinctShare * evidence.RowCount);
        if (!evidence.DistinctCountIsLowerBound && evidence.DistinctCount <= distinctLimit)
        {
            return new ColumnKindDecision(ColumnKind.Categorical, Invariant($"{evidence.DistinctCount} distinct values"));
        }

        if (evidence.MeanLength >= _rules.TextMinMeanLength && evidence.MultiWordShare >= _rules.TextMinMultiWordShare)
        {
            return new ColumnKindDecision(ColumnKind.Text, Invariant(
                $"long multi-word strings (mean length {evidence.MeanLength:F1}, {evidence.MultiWordShare:P0} multi-word)"));
        }

        return new ColumnKindDecision(ColumnKind.Categorical, Invariant(
            $"short strings with many distinct values ({(evidence.DistinctCountIsLowerBound ? "more than " : string.Empty)}{evidence.DistinctCount})"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
