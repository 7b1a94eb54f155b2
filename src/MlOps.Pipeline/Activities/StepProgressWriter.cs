using Azure;
using Microsoft.Extensions.Logging;
using MlOps.Core.Runs;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// Keeps the latest progress a step reports (the work calls <see cref="Report"/> as often as it likes, on any thread)
/// and writes it to the step record at most once per interval, so a long step costs a table write a second, not one per
/// block of rows. Disposing stops the writes before the step's final record is written, so a late progress write can
/// never overwrite the finished step.
/// </summary>
internal sealed class StepProgressWriter : IProgress<StepProgress>, IAsyncDisposable
{
    private readonly Func<StepProgress, Task> _write;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private StepProgress? _latest;
    private StepProgress? _written;

    public StepProgressWriter(Func<StepProgress, Task> write, TimeSpan interval, TimeProvider clock, ILogger logger)
    {
        _write = write;
        _logger = logger;
        _loop = WriteEveryAsync(interval, clock);
    }

    /// <summary>The last progress reported, for the step's final record.</summary>
    public StepProgress? Latest => Volatile.Read(ref _latest);

    public void Report(StepProgress value) => Volatile.Write(ref _latest, value);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task WriteEveryAsync(TimeSpan interval, TimeProvider clock)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                StepProgress? latest = Latest;
                if (latest is null || ReferenceEquals(latest, _written))
                {
                    continue;
                }

                try
                {
                    await _write(latest).ConfigureAwait(false);
                    _written = latest;
                }
                catch (RequestFailedException ex)
                {
                    // Progress is a courtesy to whoever watches; the step's own records are what must be stored.
                    _logger.LogWarning(ex, "Could not publish a step's progress; the step goes on");
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
