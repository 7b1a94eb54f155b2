namespace MlOps.Host.Runtime;

/// <summary>A named key of the local API (Host:Keys:{name}): the key, and its roles as a comma-separated list.</summary>
public sealed class LocalApiKey
{
    public string Key { get; set; } = string.Empty;

    /// <summary>reader, predictor, trainer, approver; comma-separated. Every key may also read.</summary>
    public string Roles { get; set; } = string.Empty;
}
