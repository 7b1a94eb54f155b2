namespace MlOps.Core.Training;

/// <summary>
/// LightGBM sets its OpenMP thread count process-wide and sizes per-thread buffers by it, so two trainings in one
/// process with different <c>numberOfThreads</c> corrupt each other's memory (a segfault or a division by zero in
/// lib_lightgbm; its documentation warns against changing the count while jobs run). Trainings with the same count
/// run together, as candidates of one search do; one with another count waits until those have finished.
/// </summary>
internal static class LightGbmThreadGate
{
    private static readonly object Gate = new();
    private static int _threads;
    private static int _running;

    /// <summary>Blocks until a training on <paramref name="threads"/> threads may run; dispose the result when it ends.</summary>
    public static IDisposable Enter(int threads)
    {
        lock (Gate)
        {
            while (_running > 0 && _threads != threads)
            {
                Monitor.Wait(Gate);
            }

            _threads = threads;
            _running++;
        }

        return new Admission();
    }

    /// <summary>Trainings running now and the thread count they share (for tests).</summary>
    internal static (int Running, int Threads) State
    {
        get
        {
            lock (Gate)
            {
                return (_running, _threads);
            }
        }
    }

    private static void Leave()
    {
        lock (Gate)
        {
            _running--;
            Monitor.PulseAll(Gate);
        }
    }

    private sealed class Admission : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Leave();
            }
        }
    }
}
