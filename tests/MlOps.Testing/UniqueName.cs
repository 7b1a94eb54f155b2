namespace MlOps.Testing;

/// <summary>Names unique to one test, valid for containers, tables, task hubs and models.</summary>
public static class UniqueName
{
    private static int _counter;

    public static string For(string prefix)
    {
        int n = Interlocked.Increment(ref _counter);
        return $"{prefix}{Environment.ProcessId % 10000}x{n}{Random.Shared.Next(1000, 9999)}".ToLowerInvariant();
    }
}
