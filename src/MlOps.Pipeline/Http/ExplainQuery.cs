using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MlOps.Pipeline.Http;

/// <summary>The predict route's <c>?explain=true&amp;explainTop=N</c>: whether to explain each row, and with how many contributions.</summary>
internal static class ExplainQuery
{
    public const string Explain = "explain";
    public const string Top = "explainTop";
    public const int DefaultTop = 5;
    public const int MaxTop = 100;

    /// <summary>The number of contributions to list per row, null when no explanation was asked for; or a 400 naming the parameter.</summary>
    public static bool TryRead(IQueryCollection query, out int? top, [NotNullWhen(false)] out IResult? problem)
    {
        top = null;
        problem = null;
        bool explain = false;
        if (query.TryGetValue(Explain, out var explainValue) && !bool.TryParse(explainValue.ToString(), out explain))
        {
            problem = ApiResults.BadRequest($"'{Explain}' must be true or false, not '{explainValue}'.");
            return false;
        }

        if (!query.TryGetValue(Top, out var topValue))
        {
            top = explain ? DefaultTop : null;
            return true;
        }

        if (!explain)
        {
            problem = ApiResults.BadRequest($"'{Top}' needs '{Explain}=true'.");
            return false;
        }

        if (!int.TryParse(topValue.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n is < 1 or > MaxTop)
        {
            problem = ApiResults.BadRequest($"'{Top}' must be a whole number from 1 to {MaxTop}, not '{topValue}'.");
            return false;
        }

        top = n;
        return true;
    }
}
