namespace MlOps.Core.Registry;

/// <summary>An alias moved under a concurrent promotion: this one lost the race and changed nothing.</summary>
public sealed class PromotionConflictException : Exception
{
    public PromotionConflictException(string model, string alias, int? expected, int? actual)
        : base($"Alias '{alias}' of model '{model}' changed concurrently (expected version {Describe(expected)}, found {Describe(actual)}); nothing was promoted. Read the alias and retry.")
    {
    }

    public PromotionConflictException()
    {
    }

    public PromotionConflictException(string message)
        : base(message)
    {
    }

    public PromotionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private static string Describe(int? version) => version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
