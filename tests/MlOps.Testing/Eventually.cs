namespace MlOps.Testing;

/// <summary>Polls for a state the runtime reaches asynchronously (a run finishing, a blob written), failing with what was awaited.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The first non-null value <paramref name="probe"/> returns; <paramref name="lastSeen"/> explains a timeout.</summary>
    /// <param name="interval">Between probes; 100 ms unless a test must see a short-lived state.</param>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null, Func<string>? lastSeen = null, TimeSpan? interval = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        TimeSpan limit = timeout ?? DefaultTimeout;
        DateTime deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}{(lastSeen is null ? "" : "; last seen: " + lastSeen())}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100));
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return ValueAsync(async () => await condition() ? what : null, what, timeout);
    }
}
