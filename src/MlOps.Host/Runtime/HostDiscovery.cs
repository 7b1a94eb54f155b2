using System.Diagnostics;
using System.Text.Json;
using MlOps.Core.Serialization;
using MlOps.Core.Storage;

namespace MlOps.Host.Runtime;

/// <summary>
/// The discovery file (~/.mlops/host.json by default): a running `mlops serve` records its API address and storage
/// endpoints there, so the CLI reaches it on whatever ports it took. Written atomically and readable only by the user
/// (it holds the API key, as ~/.mlops/api-key does); removed on a clean stop; a file left by a process that is gone
/// (killed, or its id now belongs to another process) is ignored.
/// </summary>
public static class HostDiscovery
{
    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mlops", "host.json");

    /// <summary>The record for this process.</summary>
    public static HostDiscoveryRecord ForThisProcess(string apiUrl, string? apiKey, MlOpsStorage storage, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(storage);
        using Process self = Process.GetCurrentProcess();
        return new HostDiscoveryRecord
        {
            ProcessId = Environment.ProcessId,
            ProcessStartedAt = self.StartTime.ToUniversalTime(),
            ApiUrl = apiUrl,
            ApiKey = apiKey,
            BlobEndpoint = storage.Blobs.Uri.ToString(),
            TableEndpoint = storage.Tables.Uri.ToString(),
            ConnectionString = IsEmulator(connectionString) ? connectionString : null,
            DatasetsContainer = storage.Layout.Datasets,
            Version = CliVersion.Text,
            StartedAt = DateTimeOffset.UtcNow,
        };
    }

    public static void Write(string path, HostDiscoveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, create))
        {
            JsonSerializer.Serialize(file, record, JsonDefaults.Indented);
        }

        // A rename replaces the file whole: a reader never sees half a record.
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The record of a host that is running now; null when there is no file, it does not parse, or its process is gone.</summary>
    public static HostDiscoveryRecord? ReadLive(string path) => Read(path) is { } record && IsAlive(record) ? record : null;

    /// <summary>The file's record whether or not its process still runs; null when there is none or it does not parse.</summary>
    public static HostDiscoveryRecord? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonDefaults.Deserialize<HostDiscoveryRecord>(File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes the file if it still describes this process and API (another host may have replaced it since).</summary>
    public static void RemoveIfOwn(string path, string apiUrl)
    {
        if (Read(path) is { } record && record.ProcessId == Environment.ProcessId && record.ApiUrl == apiUrl)
        {
            File.Delete(path);
        }
    }

    public static bool IsAlive(HostDiscoveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            using Process process = Process.GetProcessById(record.ProcessId);

            // A second's slack: the start time is derived from clock ticks since boot and may round differently.
            return !process.HasExited && (process.StartTime.ToUniversalTime() - record.ProcessStartedAt).Duration() < TimeSpan.FromSeconds(1);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static bool IsEmulator(string connectionString) =>
        connectionString.Contains(AzuriteEmulator.DevelopmentAccountKey, StringComparison.Ordinal)
        || connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
}
