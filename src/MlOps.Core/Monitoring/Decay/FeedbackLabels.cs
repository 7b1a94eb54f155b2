using System.Diagnostics.CodeAnalysis;

namespace MlOps.Core.Monitoring.Decay;

/// <summary>
/// Late ground-truth labels by (request id, row), read before the prediction log is streamed past them: feedback is
/// far smaller than the log, so the labels are held in memory and the log is not. When a prediction is labelled
/// twice the later label wins (blobs are read oldest first) and the conflict is counted.
/// </summary>
public sealed class FeedbackLabels
{
    private readonly Dictionary<(string RequestId, int Row), string> _labels = [];
    private readonly ProblemSample _malformed = new();

    public int Count => _labels.Count;

    public long Blobs { get; internal set; }

    /// <summary>Label records read (lines or CSV rows), including malformed ones.</summary>
    public long Records { get; internal set; }

    public long Malformed => _malformed.Count;

    /// <summary>Records that relabelled a prediction with a different label.</summary>
    public long Conflicts { get; private set; }

    /// <summary>The first few malformed records: where and why.</summary>
    public IReadOnlyList<string> Problems => _malformed.First;

    public void Add(string requestId, int row, string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(label);
        if (_labels.TryGetValue((requestId, row), out string? earlier) && earlier != label)
        {
            Conflicts++;
        }

        _labels[(requestId, row)] = label;
    }

    public bool TryGet(string requestId, int row, [NotNullWhen(true)] out string? label) => _labels.TryGetValue((requestId, row), out label);

    internal void AddMalformed(string problem) => _malformed.Add(problem);
}
