namespace MlOps.Core.Data.Validation;

/// <summary>
/// Counts rows whose 64-bit hash repeats an earlier row's. The hashes are appended to a flat array and counted once,
/// by sorting, at the end: a hash set costs a random memory access (and rehashing as it grows) per row, which made
/// duplicate detection a large share of the split pass; the array is also 8 bytes per row instead of about 20.
/// </summary>
internal sealed class DuplicateRowCounter(int expectedRows)
{
    private ulong[] _hashes = new ulong[Math.Max(expectedRows, 16)];
    private int _count;
    private long? _duplicates;

    public int Count => _count;

    public void Add(ulong hash)
    {
        if (_count == _hashes.Length)
        {
            Array.Resize(ref _hashes, checked(_hashes.Length * 2));
        }

        _hashes[_count++] = hash;
        _duplicates = null;
    }

    /// <summary>Rows added whose hash equals an earlier row's: the rows added minus the distinct hashes.</summary>
    public long Duplicates()
    {
        if (_duplicates is long known)
        {
            return known;
        }

        Span<ulong> hashes = _hashes.AsSpan(0, _count);
        hashes.Sort();
        long repeats = 0;
        for (int i = 1; i < hashes.Length; i++)
        {
            repeats += hashes[i] == hashes[i - 1] ? 1 : 0;
        }

        _duplicates = repeats;
        return repeats;
    }
}
