using System.Collections.Concurrent;
using Microsoft.ML;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>
/// Scores packed rows with one model. Prediction engines are not thread-safe, so each call borrows one from a pool
/// (created on demand, returned after use); batches go through the transformer, which is.
/// </summary>
internal sealed class PooledScorer<TOutput> : IPackedScorer
    where TOutput : class, new()
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly FeatureLayout _layout;
    private readonly Func<TOutput, Prediction> _toPrediction;
    private readonly ConcurrentBag<PredictionEngine<PackedRow, TOutput>> _engines = [];

    public PooledScorer(MLContext ml, ITransformer transformer, FeatureLayout layout, Func<TOutput, Prediction> toPrediction)
    {
        _ml = ml;
        _transformer = transformer;
        _layout = layout;
        _toPrediction = toPrediction;
    }

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<PackedRow> rows)
    {
        PredictionEngine<PackedRow, TOutput> engine = _engines.TryTake(out PredictionEngine<PackedRow, TOutput>? pooled)
            ? pooled
            : _ml.Model.CreatePredictionEngine<PackedRow, TOutput>(_transformer, inputSchemaDefinition: PackedSchema.For<PackedRow>(_layout));
        try
        {
            var predictions = new Prediction[rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                predictions[i] = _toPrediction(engine.Predict(rows[i]));
            }

            return predictions;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    public IEnumerable<Prediction> PredictBatch(IDataView rows) =>
        _ml.Data.CreateEnumerable<TOutput>(_transformer.Transform(rows), reuseRowObject: false).Select(_toPrediction);
}
