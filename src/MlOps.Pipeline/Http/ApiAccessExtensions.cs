namespace MlOps.Pipeline.Http;

/// <summary>The role each kind of access needs, and role names as callers and configuration write them.</summary>
public static class ApiAccessExtensions
{
    /// <summary>The role a caller needs for a route of this access; null for anonymous routes.</summary>
    public static ApiRole? RequiredRole(this ApiAccess access) => access switch
    {
        ApiAccess.Anonymous => null,
        ApiAccess.Read => ApiRole.Reader,
        ApiAccess.Predict => ApiRole.Predictor,
        ApiAccess.ChangesState => ApiRole.Trainer,
        ApiAccess.Approve => ApiRole.Approver,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    /// <summary>The role as app roles and configuration name it: reader, predictor, trainer, approver.</summary>
    public static string Name(this ApiRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Reads a role name, case-insensitively; false for anything else.</summary>
    public static bool TryParseRole(string? name, out ApiRole role) =>
        Enum.TryParse(name?.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(name, out _);
}
