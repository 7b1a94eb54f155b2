namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Quantiles with numpy's default 'linear' method, step for step: virtual index h = (n - 1) p, then numpy's
/// _lerp between the values at floor(h) and floor(h) + 1, which switches form at t = 0.5 for accuracy. Doing the
/// same floating-point operations makes the results equal to pandas', not merely close.
/// </summary>
internal static class LinearQuantile
{
    public static (double Value, long Low, double Below, double Above) At(IRankedValues ranked, double probability)
    {
        long n = ranked.Count;
        double h = (n - 1) * probability;
        long low = (long)Math.Floor(h);
        double t = h - low;
        double below = ranked.ValueAt(low);
        double above = ranked.ValueAt(Math.Min(low + 1, n - 1));
        double difference = above - below;
        double value = t >= 0.5 ? above - (difference * (1 - t)) : below + (difference * t);
        return (value, low, below, above);
    }

    /// <summary>
    /// PSI reference bins: unique quantiles at <paramref name="probabilities"/>, the outer two replaced by -inf/+inf,
    /// counting values in [edge_i, edge_i+1) as numpy.histogram does.
    /// </summary>
    public static QuantileBinsProfile Bins(IRankedValues ranked, IReadOnlyList<double> probabilities)
    {
        var edges = new SortedDictionary<double, long>();
        foreach (double p in probabilities)
        {
            (double value, _, double below, double above) = At(ranked, p);
            if (!edges.ContainsKey(value))
            {
                edges[value] = CountBelow(ranked, value, below, above);
            }
        }

        double[] cuts = [.. edges.Keys.Skip(1).SkipLast(1)];
        long[] countsBelow = [.. cuts.Select(c => edges[c]), ranked.Count];
        var counts = new long[countsBelow.Length];
        long previous = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = countsBelow[i] - previous;
            previous = countsBelow[i];
        }

        return new QuantileBinsProfile(cuts, counts);
    }

    /// <summary>How many values are strictly below <paramref name="edge"/>, which lies between two adjacent order statistics.</summary>
    private static long CountBelow(IRankedValues ranked, double edge, double below, double above)
    {
        if (edge <= below)
        {
            return ranked.RanksOf(below).First;
        }

        return edge >= above ? ranked.RanksOf(above).First : ranked.RanksOf(below).Last + 1;
    }
}
