using MlOps.Core.Registry;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// The one way the pipeline moves production: only if it still points where the gate saw it, idempotent for a
/// retried activity, and a lost race reported as "not promoted" rather than thrown.
/// </summary>
public sealed class ProductionPromoter
{
    private readonly ModelRegistry _registry;

    public ProductionPromoter(ModelRegistry registry) => _registry = registry;

    public async Task<DeployResult> PromoteAsync(PromoteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        AliasRecord? current = await _registry.GetAliasAsync(input.Model, ModelRegistry.Production).ConfigureAwait(false);
        if (current?.Version == input.Version)
        {
            return new DeployResult { Version = input.Version, Promoted = true, Reason = input.Reason };
        }

        try
        {
            await _registry.PromoteAsync(input.Model, ModelRegistry.Production, input.Version, input.ExpectedProduction, input.By, input.Reason,
                input.RunId, input.Evidence).ConfigureAwait(false);
            return new DeployResult { Version = input.Version, Promoted = true, Reason = input.Reason };
        }
        catch (PromotionConflictException ex)
        {
            return new DeployResult { Version = input.Version, Promoted = false, Reason = ex.Message };
        }
    }
}
