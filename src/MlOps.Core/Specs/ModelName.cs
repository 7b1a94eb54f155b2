using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace MlOps.Core.Specs;

/// <summary>
/// Model names as users write them (file and folder names such as "Pima_Diabetes"): 2-63 ASCII letters, digits,
/// hyphens and underscores, starting and ending with a letter or digit. Case does not matter: a name is stored,
/// keyed and shown in lower case, so "Pima_Diabetes" and "pima_diabetes" are one model in every table, blob path,
/// run id and URL. Anything else is refused with <see cref="Rule"/>, never stored.
/// </summary>
public static partial class ModelName
{
    /// <summary>The rule as a regular expression (the API description publishes it).</summary>
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9_-]{0,61}[A-Za-z0-9]$";

    public const string Rule = "a model name is 2-63 letters, digits, hyphens and underscores, starting and ending with a letter or digit (case does not matter)";

    public static bool IsValid([NotNullWhen(true)] string? name) => name is not null && Matcher().IsMatch(name);

    /// <summary>The stored form of a valid name (lower case); false for a name that breaks the rule.</summary>
    public static bool TryNormalize([NotNullWhen(true)] string? name, [NotNullWhen(true)] out string? model)
    {
        model = IsValid(name) ? name.ToLowerInvariant() : null;
        return model is not null;
    }

    /// <summary>The stored form of a valid name; an <see cref="ArgumentException"/> stating the rule otherwise.</summary>
    public static string Normalize(string? name) => TryNormalize(name, out string? model)
        ? model
        : throw new ArgumentException(Problem(name), nameof(name));

    /// <summary>The message for a name that breaks the rule: the name (shortened if long) and the rule.</summary>
    public static string Problem(string? name) => $"'{Identifiers.Shorten(name)}' is not a valid model name: {Rule}.";

    [GeneratedRegex(Pattern)]
    private static partial Regex Matcher();
}
