namespace MlOps.Core.Data;

/// <summary>
/// Runs a pass beside another that it would otherwise follow, keeping the outcome of running them one after the
/// other: when the leading pass fails, the following one is stopped and waited for (it holds files and a thread),
/// and only the leading pass's failure is reported; otherwise the following pass's own result or failure is awaited
/// after the leading pass's result has been taken.
/// </summary>
internal static class OverlappedPass
{
    public static async Task<T> AwaitLeadingAsync<T>(Task<T> leading, Task? following, CancellationTokenSource stopFollowing)
    {
        ArgumentNullException.ThrowIfNull(leading);
        ArgumentNullException.ThrowIfNull(stopFollowing);
        try
        {
            return await leading.ConfigureAwait(false);
        }
        catch
        {
            await stopFollowing.CancelAsync().ConfigureAwait(false);
            if (following is not null)
            {
                await following.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            throw;
        }
    }
}
