using System.Collections.Concurrent;
using Azure.Core;

namespace MlOps.Testing;

/// <summary>
/// Stands in for the app's Entra ID credential, which cannot run here: hands out a token that names the scope it
/// was asked for ("token:{scope}"), so a test can see which API got a token for which audience.
/// </summary>
public sealed class RecordingTokenCredential : TokenCredential
{
    private readonly ConcurrentQueue<string> _scopes = new();

    public IReadOnlyList<string> RequestedScopes => [.. _scopes];

    public static string TokenFor(string scope) => "token:" + scope;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        string scope = string.Join(' ', requestContext.Scopes);
        _scopes.Enqueue(scope);
        return new AccessToken(TokenFor(scope), DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
