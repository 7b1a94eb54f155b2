using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using MlOps.Core.Specs;

namespace MlOps.Core.Runs;

/// <summary>
/// Run ids are "{model}.{16 hex}". For uploads the hex part hashes container, name and the blob's version tag
/// (content MD5, else ETag), so every trigger (blob event, watcher, HTTP) of one blob version names the same run and
/// starts it at most once; a deliberate retrain of that version (force) chains from the run before it.
/// </summary>
public static class RunIds
{
    /// <summary>The rule as a regular expression (the API description publishes it).</summary>
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_-]{0,61}[A-Za-z0-9]\\.[0-9A-Fa-f]{16}$";

    public const string Rule = "a run id is '{model}.{16 hex digits}', as starting a run returns it";

    public static string ForBlobVersion(string model, string container, string blobName, string versionTag) =>
        $"{model}.{Hash($"{container}/{blobName}|{versionTag}")}";

    public static string ForRequest(string model, string requestKey) => $"{model}.{Hash(requestKey)}";

    /// <summary>
    /// The run a forced retrain of a blob version starts after <paramref name="previousRunId"/>, the latest run of
    /// that version: derived from it, so two identical requests name one run, and the next retrain, after this one,
    /// a new one.
    /// </summary>
    public static string ForcedAfter(string previousRunId) => $"{ModelOf(previousRunId)}.{Hash(previousRunId + "|force")}";

    public static string ModelOf(string runId)
    {
        int dot = runId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? runId[..dot] : throw new ArgumentException($"'{runId}' is not a run id of the form model.hash.", nameof(runId));
    }

    /// <summary>The stored form of a run id (lower case) when it follows the rule; false otherwise.</summary>
    public static bool TryNormalize([NotNullWhen(true)] string? runId, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        int dot = runId?.LastIndexOf('.') ?? -1;
        if (dot < 0 || runId!.Length - dot - 1 != 16 || !ModelName.TryNormalize(runId[..dot], out string? model)
            || runId.AsSpan(dot + 1).IndexOfAnyExcept("0123456789abcdefABCDEF") >= 0)
        {
            return false;
        }

        normalized = model + "." + runId[(dot + 1)..].ToLowerInvariant();
        return true;
    }

    public static string Problem(string? runId) => $"'{Identifiers.Shorten(runId)}' is not a valid run id: {Rule}.";

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
