using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using MlOps.Core.Data.Validation;
using MlOps.Core.Monitoring.Reports;
using MlOps.Core.Runs;
using MlOps.Core.Serialization;
using MlOps.Core.Specs;
using MlOps.Core.Storage;

namespace MlOps.Core.Registry.Cards;

/// <summary>Reads what is stored about a version and composes its <see cref="ModelCard"/>.</summary>
public sealed class ModelCardReader
{
    /// <summary>How many of a model's newest drift reports the card looks through for the version's.</summary>
    public const int DriftReportsRead = 100;

    private readonly MlOpsStorage _storage;
    private readonly ModelRegistry _registry;
    private readonly RunStore _runs;
    private readonly SpecStore _specs;
    private readonly DriftReportStore _drift;

    public ModelCardReader(MlOpsStorage storage, ModelRegistry registry, RunStore runs, SpecStore specs, DriftReportStore drift)
    {
        _storage = storage;
        _registry = registry;
        _runs = runs;
        _specs = specs;
        _drift = drift;
    }

    /// <summary>The card of a version, or null when the model has no such version.</summary>
    public async Task<ModelCard?> ReadAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        ModelVersionRecord? record = await _registry.GetVersionAsync(model, version, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        RunRecord? run = await _runs.GetAsync(record.RunId, cancellationToken).ConfigureAwait(false);
        SpecVersionRecord? spec = record.SpecVersion is int specVersion ? await _specs.GetAsync(model, specVersion, cancellationToken).ConfigureAwait(false) : null;
        ValidationReport? validation = run?.ValidationReport is string blob ? await ReadValidationAsync(blob, cancellationToken).ConfigureAwait(false) : null;
        IReadOnlyList<DriftReportSummary> drift = await _drift.ListAsync(model, DriftReportsRead, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PromotionRecord> history = await _registry.HistoryAsync(model, cancellationToken).ConfigureAwait(false);
        return ModelCardComposer.Compose(record, run, spec, validation, drift, history);
    }

    private async Task<ValidationReport?> ReadValidationAsync(string blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _storage.Container(_storage.Layout.Reports).GetBlobClient(blob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            JsonNode? node = JsonNode.Parse(content.Value.Content.ToMemory().Span);
            // The card summarises the data; the per-column profile is the validation route's to show.
            node?.AsObject().Remove("profile");
            return node?.Deserialize<ValidationReport>(JsonDefaults.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
