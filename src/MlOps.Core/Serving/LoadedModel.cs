using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Registry;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>
/// A verified model version loaded for serving. Prediction engines are not thread-safe, so each call borrows one
/// from a small pool instead of creating one per request.
/// </summary>
public sealed class LoadedModel
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly ITransformer _transformer;
    private readonly SchemaDefinition _inputSchema;
    private readonly ConcurrentBag<PredictionEngine<PackedRow, BinaryScore>> _engines = [];
    private readonly RowPacker _packer;

    public LoadedModel(ModelVersionRecord version, byte[] artifact)
    {
        Version = version;
        using var stream = new MemoryStream(artifact, writable: false);
        _transformer = _ml.Model.Load(stream, out _);
        _inputSchema = InputSchemaFor(version.Layout);
        _packer = new RowPacker(version.Layout);
    }

    public ModelVersionRecord Version { get; }

    public IReadOnlyList<Prediction> Predict(JsonElement rows)
    {
        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw new PredictionInputException("Expected a JSON array of rows (or an object with a 'rows' array).");
        }

        var predictions = new List<Prediction>(rows.GetArrayLength());
        PredictionEngine<PackedRow, BinaryScore> engine = Rent();
        try
        {
            int index = 0;
            foreach (JsonElement row in rows.EnumerateArray())
            {
                BinaryScore score = engine.Predict(_packer.Pack(row, index++));
                string label = score.PredictedLabel ? Version.Layout.PositiveClass! : Version.Layout.Classes.First(c => c != Version.Layout.PositiveClass);
                predictions.Add(new Prediction(label, score.Score, score.Probability));
            }
        }
        finally
        {
            _engines.Add(engine);
        }

        return predictions;
    }

    private PredictionEngine<PackedRow, BinaryScore> Rent() =>
        _engines.TryTake(out PredictionEngine<PackedRow, BinaryScore>? engine)
            ? engine
            : _ml.Model.CreatePredictionEngine<PackedRow, BinaryScore>(_transformer, inputSchemaDefinition: _inputSchema);

    private static SchemaDefinition InputSchemaFor(FeatureLayout layout)
    {
        SchemaDefinition schema = SchemaDefinition.Create(typeof(PackedRow));
        schema[PackedRow.NumericColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, layout.NumericFeatures.Count);
        if (layout.CategoricalFeatures.Count == 0)
        {
            schema.Remove(schema[PackedRow.CategoricalColumn]);
        }
        else
        {
            schema[PackedRow.CategoricalColumn].ColumnType = new VectorDataViewType(TextDataViewType.Instance, layout.CategoricalFeatures.Count);
        }

        return schema;
    }
}
