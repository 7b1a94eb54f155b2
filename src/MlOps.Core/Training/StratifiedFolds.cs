namespace MlOps.Core.Training;

/// <summary>Seeded k-fold assignment: stratified by label for classification so every fold keeps the class mix.</summary>
public static class StratifiedFolds
{
    /// <summary>
    /// The fold (0 … folds-1) of each row. Rows are shuffled with the seed within each label (ordinal order of the
    /// labels), then dealt round-robin, continuing across labels, so fold sizes differ by at most one.
    /// </summary>
    /// <param name="labels">Each row's label; with <paramref name="stratify"/> false only the count matters.</param>
    public static int[] Assign(IReadOnlyList<string> labels, int folds, int seed, bool stratify)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (labels.Count < folds)
        {
            throw new ArgumentException($"{labels.Count} rows cannot be split into {folds} folds.", nameof(labels));
        }

        IEnumerable<int[]> groups = stratify
            ? labels.Select((label, row) => (label, row)).GroupBy(x => x.label, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Select(x => x.row).ToArray())
            : [Enumerable.Range(0, labels.Count).ToArray()];

        var random = new Random(seed);
        int[] assignment = new int[labels.Count];
        int dealt = 0;
        foreach (int[] group in groups)
        {
            random.Shuffle(group);
            foreach (int row in group)
            {
                assignment[row] = dealt++ % folds;
            }
        }

        return assignment;
    }
}
