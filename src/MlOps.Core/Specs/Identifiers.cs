namespace MlOps.Core.Specs;

/// <summary>What the identifier rules share: quoting a rejected identifier back to its sender without echoing kilobytes or control characters.</summary>
public static class Identifiers
{
    private const int Shown = 64;

    /// <summary>The identifier as a message may quote it: at most 64 characters, control characters as '?'.</summary>
    public static string Shorten(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        string head = value.Length <= Shown ? value : value[..Shown];
        string clean = string.Create(head.Length, head, (span, text) =>
        {
            for (int i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
        return value.Length <= Shown ? clean : $"{clean}… ({value.Length} characters)";
    }
}
