namespace MlOps.Core;

/// <summary>
/// Derives a random seed from a base seed and an index (a column, a feature) the same way in every process.
/// HashCode.Combine is randomised per process, which made profiles' samples and permutation importances differ
/// between two runs over the same data with the same seed.
/// </summary>
public static class StableSeed
{
    /// <summary>SplitMix64's finaliser over both values: neighbouring indexes get unrelated seeds.</summary>
    public static int Combine(int seed, int index)
    {
        unchecked
        {
            ulong x = ((ulong)(uint)seed << 32) | (uint)index;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return (int)(x ^ (x >> 31));
        }
    }
}
