using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MlOps.Host.Runtime;

/// <summary>
/// The key that state-changing local API calls must present (x-api-key). Taken from Host:ApiKey, else read from
/// (or created once in) ~/.mlops/api-key, readable only by the user, where the CLI finds it too.
/// </summary>
public sealed class ApiKeyProvider
{
    public const string HeaderName = "x-api-key";

    public ApiKeyProvider(IOptions<LocalHostOptions> options) =>
        Key = string.IsNullOrWhiteSpace(options.Value.ApiKey) ? ReadOrCreate(DefaultKeyFile) : options.Value.ApiKey;

    public static string DefaultKeyFile => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mlops", "api-key");

    public string Key { get; }

    public bool IsValid(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(Key));

    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, create);
            using var writer = new StreamWriter(file);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path).Trim(); // another process created it first
        }
    }
}
