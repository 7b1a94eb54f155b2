using Microsoft.ML;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>Scores packed rows, one request at a time or as a streamed batch.</summary>
internal interface IPackedScorer
{
    IReadOnlyList<Prediction> Predict(IReadOnlyList<PackedRow> rows);

    IEnumerable<Prediction> PredictBatch(IEnumerable<PackedRow> rows);

    IEnumerable<Prediction> PredictBatch(IDataView rows);
}
