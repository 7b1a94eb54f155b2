using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Specs;

namespace MlOps.Pipeline.Http;

/// <summary>
/// The identifier rules of Core (<see cref="ModelName"/>, <see cref="AliasName"/>, <see cref="VersionNumber"/>,
/// <see cref="RunIds"/>) applied to what a request names, before a handler reads or writes anything: a valid value
/// in its stored form, or a 400 problem that states the rule. Every handler of both hosts goes through these.
/// </summary>
internal static class RouteValues
{
    public static bool TryModel(string? value, [NotNullWhen(true)] out string? model, [NotNullWhen(false)] out IResult? problem)
    {
        problem = ModelName.TryNormalize(value, out model) ? null : ApiResults.BadRequest(ModelName.Problem(value));
        return problem is null;
    }

    public static bool TryAlias(string? value, [NotNullWhen(true)] out string? alias, [NotNullWhen(false)] out IResult? problem)
    {
        problem = AliasName.TryNormalize(value, out alias) ? null : ApiResults.BadRequest(AliasName.Problem(value));
        return problem is null;
    }

    public static bool TryVersion(string? value, out int version, [NotNullWhen(false)] out IResult? problem)
    {
        problem = VersionNumber.TryParse(value, out version) ? null : ApiResults.BadRequest(VersionNumber.Problem(value));
        return problem is null;
    }

    public static bool TryRunId(string? value, [NotNullWhen(true)] out string? runId, [NotNullWhen(false)] out IResult? problem)
    {
        problem = RunIds.TryNormalize(value, out runId) ? null : ApiResults.BadRequest(RunIds.Problem(value));
        return problem is null;
    }

    /// <summary>A model route's handler, called only with a valid model in its stored form.</summary>
    public static Task<IResult> ForModel(string? value, Func<string, Task<IResult>> handler) =>
        TryModel(value, out string? model, out IResult? problem) ? handler(model) : Task.FromResult(problem);

    /// <summary>A run route's handler, called only with a valid run id in its stored form.</summary>
    public static Task<IResult> ForRun(string? value, Func<string, Task<IResult>> handler) =>
        TryRunId(value, out string? runId, out IResult? problem) ? handler(runId) : Task.FromResult(problem);
}
