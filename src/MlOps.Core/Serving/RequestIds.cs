using System.Security.Cryptography;

namespace MlOps.Core.Serving;

/// <summary>
/// New request ids: 128 random bits as 32 lowercase hex digits (the form of a Guid's "N" format). The bits come from
/// the system's cryptographic generator 4 KB at a time per thread: Guid.NewGuid makes one system call per id, a
/// noticeable share of a single-row predict.
/// </summary>
public static class RequestIds
{
    private const int IdBytes = 16;
    private const int BatchBytes = 4096;

    [ThreadStatic]
    private static byte[]? s_random;

    [ThreadStatic]
    private static int s_used;

    public static string New()
    {
        byte[]? random = s_random;
        if (random is null || s_used == BatchBytes)
        {
            random = s_random ??= new byte[BatchBytes];
            RandomNumberGenerator.Fill(random);
            s_used = 0;
        }

        ReadOnlySpan<byte> bits = random.AsSpan(s_used, IdBytes);
        s_used += IdBytes;
        string id = Convert.ToHexStringLower(bits);
        // Used bits do not stay in memory for anyone who can read it later.
        random.AsSpan(s_used - IdBytes, IdBytes).Clear();
        return id;
    }
}
