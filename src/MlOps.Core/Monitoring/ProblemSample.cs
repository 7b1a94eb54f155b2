namespace MlOps.Core.Monitoring;

/// <summary>Counts problems and keeps the first few verbatim, so a flood of bad input is reported without using memory.</summary>
internal sealed class ProblemSample
{
    /// <summary>How many problems are kept verbatim; the rest are only counted.</summary>
    public const int Kept = 10;

    private readonly List<string> _first = [];

    public long Count { get; private set; }

    public IReadOnlyList<string> First => _first;

    public void Add(string problem)
    {
        Count++;
        if (_first.Count < Kept)
        {
            _first.Add(problem);
        }
    }
}
