using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MlOps.Core.Specs;

namespace MlOps.Core.Registry;

/// <summary>
/// Model version identifiers as they appear in URLs, queries and commands: a positive whole number written in
/// digits only (1, 2, 10 …), at most 2147483647. "abc", "-1", "0", "+3" and "2.0" are refused with <see cref="Rule"/>,
/// so a mistyped version never silently means "production".
/// </summary>
public static class VersionNumber
{
    public const string Rule = "a version is a positive whole number written in digits, such as 3";

    public static bool TryParse([NotNullWhen(true)] string? text, out int version)
    {
        version = 0;
        return text is { Length: > 0 and <= 10 }
            && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version > 0;
    }

    public static string Problem(string? text) => $"'{Identifiers.Shorten(text)}' is not a valid version: {Rule}.";
}
