using MlOps.Core.Registry;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// The one way the pipeline moves production: only if it still points where the gate saw it, idempotent for a
/// retried activity, and a lost race (or a schema change or refused artifact found on the way) reported as "not
/// promoted" rather than thrown.
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
                input.RunId, input.Evidence, input.AcknowledgeSchemaChange).ConfigureAwait(false);
            return new DeployResult { Version = input.Version, Promoted = true, Reason = input.Reason };
        }
        catch (PromotionConflictException ex)
        {
            // Lost to a duplicate of this activity (a redelivered message running beside the first) that moved production
            // to this same version: promoted all the same.
            bool ours = (await _registry.GetAliasAsync(input.Model, ModelRegistry.Production).ConfigureAwait(false))?.Version == input.Version;
            return new DeployResult { Version = input.Version, Promoted = ours, Reason = ours ? input.Reason : ex.Message };
        }
        catch (Exception ex) when (ex is SchemaChangeException or MlOps.Core.Artifacts.ArtifactIntegrityException)
        {
            return new DeployResult { Version = input.Version, Promoted = false, Reason = ex.Message };
        }
    }
}
