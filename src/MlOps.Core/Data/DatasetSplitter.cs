using MlOps.Core.Specs;

namespace MlOps.Core.Data;

/// <summary>
/// Assigns rows to train/validation/test: stratified by class for classification, seeded, and independent of
/// anything but the labels and the spec, so the same data and seed always give the same split.
/// </summary>
public static class DatasetSplitter
{
    public const byte Train = 0;
    public const byte Validation = 1;
    public const byte Test = 2;
    public const byte Excluded = byte.MaxValue;

    private const int DenseGroupLimit = 1 << 16;

    /// <param name="groups">Per row: its class index for stratification (0 for every row when not stratifying), or -1 to exclude the row (missing label).</param>
    public static byte[] Assign(ReadOnlySpan<int> groups, SplitSpec split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var assignment = new byte[groups.Length];

        // Groups are class indices, so arrays indexed by group replace a hash lookup per row; other ids are
        // renumbered densely first, in the same order.
        int[]? renumbered = null;
        int last = -1;
        foreach (int group in groups)
        {
            last = Math.Max(last, group);
        }

        if (last >= DenseGroupLimit)
        {
            (renumbered, last) = Renumber(groups);
            groups = renumbered;
        }

        // Each group's rows in file order, in an array of its exact size (counted first: a million rows grow no lists).
        int[] sizes = new int[last + 1];
        foreach (int group in groups)
        {
            if (group >= 0)
            {
                sizes[group]++;
            }
        }

        int[][] members = [.. sizes.Select(size => new int[size])];
        int[] filled = new int[last + 1];
        for (int row = 0; row < groups.Length; row++)
        {
            int group = groups[row];
            if (group < 0)
            {
                assignment[row] = Excluded;
                continue;
            }

            members[group][filled[group]++] = row;
        }

        var random = new Random(split.Seed);
        foreach (int[] rows in members.Where(rows => rows.Length > 0))
        {
            Shuffle(rows, random);
            int test = (int)Math.Round(rows.Length * split.Test, MidpointRounding.AwayFromZero);
            int validation = (int)Math.Round(rows.Length * split.Validation, MidpointRounding.AwayFromZero);
            for (int i = 0; i < rows.Length; i++)
            {
                assignment[rows[i]] = i < test ? Test : i < test + validation ? Validation : Train;
            }
        }

        return assignment;
    }

    /// <summary>The groups numbered 0, 1, ... in ascending order of their ids (-1 stays -1), and the highest number.</summary>
    private static (int[] Groups, int Last) Renumber(ReadOnlySpan<int> groups)
    {
        var numbers = new Dictionary<int, int>();
        foreach (int group in groups)
        {
            if (group >= 0)
            {
                numbers.TryAdd(group, 0);
            }
        }

        int next = 0;
        foreach (int group in numbers.Keys.Order().ToList())
        {
            numbers[group] = next++;
        }

        int[] renumbered = new int[groups.Length];
        for (int row = 0; row < groups.Length; row++)
        {
            renumbered[row] = groups[row] >= 0 ? numbers[groups[row]] : -1;
        }

        return (renumbered, next - 1);
    }

    private static void Shuffle(int[] rows, Random random)
    {
        for (int i = rows.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
    }
}
