using System.Globalization;

namespace MlOps.Core.Training;

/// <summary>
/// What changes for clients between two model versions' input and output: columns gone, new, renamed or used as
/// another kind, another label, task, positive class or set of classes. Any difference is a schema change: requests
/// that one version answers, the other refuses or reads differently, so a version never replaces another across
/// one without a human saying so.
/// </summary>
public static class SchemaComparison
{
    private const string Unused = "unused";

    /// <summary>The differences from <paramref name="current"/> to <paramref name="next"/>, one sentence each; empty when the schemas match.</summary>
    public static IReadOnlyList<string> Differences(FeatureLayout current, FeatureLayout next)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var differences = new List<string>();
        if (current.Task != next.Task)
        {
            differences.Add(Invariant($"task {Name(current.Task)} becomes {Name(next.Task)}"));
        }

        if (!string.Equals(current.Label, next.Label, StringComparison.Ordinal))
        {
            differences.Add($"label '{current.Label}' becomes '{next.Label}'");
        }
        else if (!string.Equals(current.PositiveClass, next.PositiveClass, StringComparison.Ordinal))
        {
            differences.Add($"positive class '{current.PositiveClass}' becomes '{next.PositiveClass}'");
        }

        string[] goneClasses = [.. current.Classes.Except(next.Classes, StringComparer.Ordinal)];
        string[] newClasses = [.. next.Classes.Except(current.Classes, StringComparer.Ordinal)];
        if (goneClasses.Length + newClasses.Length > 0 && current.Task == next.Task)
        {
            differences.Add("classes change:" + (newClasses.Length > 0 ? $" new {Quoted(newClasses)}" : string.Empty)
                + (goneClasses.Length > 0 ? $"{(newClasses.Length > 0 ? ";" : string.Empty)} gone {Quoted(goneClasses)}" : string.Empty));
        }

        Dictionary<string, string> before = Roles(current);
        Dictionary<string, string> after = Roles(next);
        List<string> gone = [.. current.Columns.Where(c => c != current.Label && !after.ContainsKey(c) && c != next.Label)];
        List<string> added = [.. next.Columns.Where(c => c != next.Label && !before.ContainsKey(c) && c != current.Label)];

        // One column gone and one new, in the same place with the same role, reads as a rename, which is what it usually is.
        if (gone.Count == 1 && added.Count == 1 && IndexIn(current.Columns, gone[0]) == IndexIn(next.Columns, added[0]) && before[gone[0]] == after[added[0]])
        {
            differences.Add($"column '{gone[0]}' is renamed '{added[0]}' (same position, {before[gone[0]]})");
            gone.Clear();
            added.Clear();
        }

        differences.AddRange(gone.Select(c => $"column '{c}' ({before[c]}) is gone"));
        differences.AddRange(added.Select(c => $"column '{c}' ({after[c]}) is new"));
        differences.AddRange(before.Where(b => after.TryGetValue(b.Key, out string? role) && role != b.Value)
            .Select(b => $"column '{b.Key}' changes from {b.Value} to {after[b.Key]}"));
        return differences;
    }

    /// <summary>Each column but the label, with how the version uses it: numeric, categorical, text, or unused (accepted, ignored).</summary>
    private static Dictionary<string, string> Roles(FeatureLayout layout)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string column in layout.Columns.Where(c => c != layout.Label))
        {
            roles[column] = Unused;
        }

        foreach (string c in layout.NumericFeatures)
        {
            roles[c] = "numeric";
        }

        foreach (string c in layout.CategoricalFeatures)
        {
            roles[c] = "categorical";
        }

        foreach (string c in layout.TextFeatures)
        {
            roles[c] = "text";
        }

        return roles;
    }

    private static int IndexIn(IReadOnlyList<string> columns, string column)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Name(Specs.ModelTask task) => task.ToString().ToLowerInvariant();

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
