namespace MlOps.Core.Data.Profiling;

/// <summary>
/// Maps doubles to unsigned keys in the same order (negative values reversed, sign bit flipped), so a key's
/// leading bits name a bucket of the value line without knowing the data's range in advance.
/// </summary>
internal static class OrderedKey
{
    private const ulong SignBit = 1UL << 63;

    public static ulong FromDouble(double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & SignBit) == 0 ? bits | SignBit : ~bits;
    }

    public static double ToDouble(ulong key)
    {
        ulong bits = (key & SignBit) != 0 ? key & ~SignBit : ~key;
        return BitConverter.Int64BitsToDouble((long)bits);
    }
}
