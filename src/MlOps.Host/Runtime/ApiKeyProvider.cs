using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MlOps.Pipeline.Http;

namespace MlOps.Host.Runtime;

/// <summary>
/// The local API's keys (x-api-key). The key with every role comes from Host:ApiKey, else is read from (or created
/// once in) ~/.mlops/api-key, readable only by the user, where the CLI finds it too: the zero-config start. Named keys
/// with roles come from Host:Keys; a request with one acts as that name, with those roles.
/// </summary>
public sealed class ApiKeyProvider
{
    public const string HeaderName = "x-api-key";

    private readonly (string Name, byte[] Key, HashSet<ApiRole> Roles)[] _named;

    public ApiKeyProvider(IOptions<LocalHostOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Key = string.IsNullOrWhiteSpace(options.Value.ApiKey) ? ReadOrCreate(DefaultKeyFile) : options.Value.ApiKey;
        _named = [.. options.Value.Keys.Select(pair => (pair.Key, Encoding.UTF8.GetBytes(pair.Value.Key), RolesOf(pair.Key, pair.Value)))];
    }

    public static string DefaultKeyFile => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mlops", "api-key");

    public string Key { get; }

    /// <summary>Whether named keys are configured: then every route but health needs a key.</summary>
    public bool HasNamedKeys => _named.Length > 0;

    public bool IsValid(string? presented) => Resolve(presented) is not null;

    /// <summary>The caller a presented key stands for, or null for no key or an unknown one.</summary>
    public ApiCaller? Resolve(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(presented);
        if (CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(Key)))
        {
            return new ApiCaller("api-key holder", ApiCaller.AllRoles, HasIdentity: false);
        }

        foreach ((string name, byte[] key, HashSet<ApiRole> roles) in _named)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, key))
            {
                return new ApiCaller(name, roles, HasIdentity: true);
            }
        }

        return null;
    }

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

    private static HashSet<ApiRole> RolesOf(string name, LocalApiKey key)
    {
        if (string.IsNullOrWhiteSpace(key.Key))
        {
            throw new OptionsValidationException(LocalHostOptions.SectionName, typeof(LocalHostOptions), [$"Host:Keys:{name}:Key is empty."]);
        }

        var roles = new HashSet<ApiRole> { ApiRole.Reader };
        foreach (string role in key.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ApiAccessExtensions.TryParseRole(role, out ApiRole parsed))
            {
                throw new OptionsValidationException(LocalHostOptions.SectionName, typeof(LocalHostOptions),
                    [$"Host:Keys:{name}:Roles has '{role}'; roles are reader, predictor, trainer, approver."]);
            }

            roles.Add(parsed);
        }

        return roles;
    }
}
