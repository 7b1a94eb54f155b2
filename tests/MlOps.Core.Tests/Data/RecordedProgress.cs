using System.Collections.Concurrent;
using MlOps.Core.Runs;

namespace MlOps.Core.Tests.Data;

/// <summary>Keeps every progress report in order; reports come from the scanning thread, so the queue is thread-safe.</summary>
public sealed class RecordedProgress : IProgress<StepProgress>
{
    private readonly ConcurrentQueue<StepProgress> _reports = new();

    public IReadOnlyCollection<StepProgress> All => _reports;

    public void Report(StepProgress value) => _reports.Enqueue(value);
}
