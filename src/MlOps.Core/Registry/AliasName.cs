using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using MlOps.Core.Specs;

namespace MlOps.Core.Registry;

/// <summary>
/// Alias names (production, staging, challenger …): 1-63 ASCII letters, digits, hyphens and underscores, starting
/// with a letter. Case does not matter (stored in lower case), as for model names. Anything else is refused with
/// <see cref="Rule"/> before anything is written.
/// </summary>
public static partial class AliasName
{
    /// <summary>The rule as a regular expression (the API description publishes it).</summary>
    public const string Pattern = "^[A-Za-z][A-Za-z0-9_-]{0,62}$";

    public const string Rule = "an alias is 1-63 letters, digits, hyphens and underscores, starting with a letter (case does not matter)";

    public static bool IsValid([NotNullWhen(true)] string? alias) => alias is not null && Matcher().IsMatch(alias);

    public static bool TryNormalize([NotNullWhen(true)] string? alias, [NotNullWhen(true)] out string? normalized)
    {
        normalized = IsValid(alias) ? alias.ToLowerInvariant() : null;
        return normalized is not null;
    }

    public static string Normalize(string? alias) => TryNormalize(alias, out string? normalized)
        ? normalized
        : throw new ArgumentException(Problem(alias), nameof(alias));

    public static string Problem(string? alias) => $"'{Identifiers.Shorten(alias)}' is not a valid alias: {Rule}.";

    [GeneratedRegex(Pattern)]
    private static partial Regex Matcher();
}
