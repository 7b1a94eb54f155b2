using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.Core.Registry;

namespace MlOps.Core.Serving;

/// <summary>Answers prediction requests from the production version, or a named alias or version.</summary>
public sealed class PredictionService
{
    private readonly ModelCache _cache;
    private readonly ServingOptions _options;

    public PredictionService(ModelCache cache, IOptions<ServingOptions> options)
    {
        _cache = cache;
        _options = options.Value;
    }

    /// <param name="body">A JSON array of row objects, or an object with a "rows" array.</param>
    public async Task<PredictionResult> PredictAsync(string model, JsonElement body, string? alias = null, int? version = null, CancellationToken cancellationToken = default)
    {
        JsonElement rows = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("rows", out JsonElement inner) ? inner : body;
        if (rows.ValueKind == JsonValueKind.Array && rows.GetArrayLength() > _options.MaxRowsPerRequest)
        {
            throw new PredictionInputException($"{rows.GetArrayLength()} rows exceed the limit of {_options.MaxRowsPerRequest} per request; use batch scoring.");
        }

        LoadedModel loaded = version is int v
            ? await _cache.GetVersionAsync(model, v, cancellationToken).ConfigureAwait(false)
            : await _cache.GetByAliasAsync(model, alias ?? ModelRegistry.Production, cancellationToken).ConfigureAwait(false);
        return new PredictionResult(model, loaded.Version.Version, loaded.Predict(rows));
    }
}
