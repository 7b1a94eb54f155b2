namespace MlOps.Core.Data.Csv;

/// <summary>
/// What a scan of a CSV learned about how each column's values are spelled, so that the split pass, which writes
/// every record again, can copy records whole without looking at their fields: whether each value would be written
/// as it stands in a numeric column (empty, or a plainly spelled number) and in any other column (anything but a
/// missing token other than the empty field). Noted on the parsing thread as each field is classified anyway; a column
/// that no complete scan examined is known as neither.
/// </summary>
internal sealed class CsvColumnSpellings
{
    private readonly bool[] _examined;
    private readonly bool[] _notPlainNumber;
    private readonly bool[] _spelledMissing;

    public CsvColumnSpellings(int columns)
    {
        _examined = new bool[columns];
        _notPlainNumber = new bool[columns];
        _spelledMissing = new bool[columns];
    }

    public int Count => _examined.Length;

    /// <summary>One field as <see cref="CsvRecordReader.Classify(int, out double, out ReadOnlySpan{byte}, out bool)"/> saw it.</summary>
    public void Note(int column, CsvValueKind kind, int length, bool plainNumber)
    {
        if (kind == CsvValueKind.Number)
        {
            _notPlainNumber[column] |= !plainNumber;
        }
        else if (kind == CsvValueKind.Text)
        {
            _notPlainNumber[column] = true;
        }
        else if (length > 0)
        {
            _notPlainNumber[column] = true;
            _spelledMissing[column] = true;
        }
    }

    /// <summary>Marks <paramref name="columns"/> as having had every value of a complete scan noted.</summary>
    public void Examined(ReadOnlySpan<int> columns)
    {
        foreach (int column in columns)
        {
            _examined[column] = true;
        }
    }

    /// <summary>Adds what another complete scan of the same data noted.</summary>
    public void Add(CsvColumnSpellings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count != Count)
        {
            throw new ArgumentException($"The scans saw {Count} and {other.Count} columns.", nameof(other));
        }

        for (int column = 0; column < Count; column++)
        {
            _examined[column] |= other._examined[column];
            _notPlainNumber[column] |= other._notPlainNumber[column];
            _spelledMissing[column] |= other._spelledMissing[column];
        }
    }

    /// <summary>Every value of the column is empty or a number spelled plainly: written as it stands as a number.</summary>
    public bool AllAsNumbers(int column) => _examined[column] && !_notPlainNumber[column];

    /// <summary>No value of the column is a missing token other than the empty field: written as it stands as text.</summary>
    public bool AllAsText(int column) => _examined[column] && !_spelledMissing[column];
}
