using System.Text.RegularExpressions;

namespace MlOps.Core.Specs;

/// <summary>Model names: 2–63 lowercase letters, digits and single hyphens, usable in blob paths, keys and URLs.</summary>
public static partial class ModelName
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    public static string Validate(string? name) => IsValid(name)
        ? name!
        : throw new ArgumentException(
            $"Model name '{name}' is invalid: use 2-63 lowercase letters, digits and single hyphens, starting with a letter or digit.", nameof(name));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex Pattern();
}
