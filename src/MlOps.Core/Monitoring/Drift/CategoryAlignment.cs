using MlOps.Core.Data.Profiling;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// Reference and current counts over the same categories: the reference's top values, then "other" (the
/// reference's remaining values; current categories outside the top values and any overflow past the distinct cap).
/// </summary>
internal sealed class CategoryAlignment
{
    public const string OtherLabel = "(other)";

    private CategoryAlignment(string[] labels, long[] reference, long[] current, List<CategoryCount> outside)
    {
        Labels = labels;
        Reference = reference;
        Current = current;
        Outside = outside;
    }

    /// <summary>Category names, the last being <see cref="OtherLabel"/>.</summary>
    public string[] Labels { get; }

    public long[] Reference { get; }

    public long[] Current { get; }

    /// <summary>Current categories counted as "other" (overflow under <see cref="OtherLabel"/>), in no particular order.</summary>
    public List<CategoryCount> Outside { get; }

    public static CategoryAlignment Align(IReadOnlyList<CategoryCount> referenceTop, long referenceOther, CategoricalWindowColumn window)
    {
        int other = referenceTop.Count;
        var slots = new Dictionary<string, int>(other, StringComparer.Ordinal);
        string[] labels = new string[other + 1];
        long[] reference = new long[other + 1];
        for (int i = 0; i < other; i++)
        {
            slots[referenceTop[i].Value] = i;
            labels[i] = referenceTop[i].Value;
            reference[i] = referenceTop[i].Count;
        }

        labels[other] = OtherLabel;
        reference[other] = referenceOther;
        long[] current = new long[other + 1];
        var outside = new List<CategoryCount>();
        foreach ((string value, long count) in window.Counts)
        {
            if (slots.TryGetValue(value, out int slot))
            {
                current[slot] += count;
            }
            else
            {
                current[other] += count;
                outside.Add(new CategoryCount(value, count));
            }
        }

        if (window.Overflow > 0)
        {
            current[other] += window.Overflow;
            outside.Add(new CategoryCount(OtherLabel, window.Overflow));
        }

        return new CategoryAlignment(labels, reference, current, outside);
    }
}
