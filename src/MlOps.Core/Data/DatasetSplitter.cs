using System.Runtime.InteropServices;
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

    /// <param name="groups">Per row: its class index for stratification (0 for every row when not stratifying), or -1 to exclude the row (missing label).</param>
    public static byte[] Assign(ReadOnlySpan<int> groups, SplitSpec split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var assignment = new byte[groups.Length];

        // Each group's rows in file order, in an array of its exact size (counted first: a million rows grow no lists).
        var sizes = new Dictionary<int, int>();
        foreach (int group in groups)
        {
            if (group >= 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(sizes, group, out _)++;
            }
        }

        Dictionary<int, int[]> members = sizes.ToDictionary(s => s.Key, s => new int[s.Value]);
        var filled = new Dictionary<int, int>();
        for (int row = 0; row < groups.Length; row++)
        {
            int group = groups[row];
            if (group < 0)
            {
                assignment[row] = Excluded;
                continue;
            }

            members[group][CollectionsMarshal.GetValueRefOrAddDefault(filled, group, out _)++] = row;
        }

        var random = new Random(split.Seed);
        foreach (int group in members.Keys.Order())
        {
            int[] rows = members[group];
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

    private static void Shuffle(int[] rows, Random random)
    {
        for (int i = rows.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
    }
}
