using System.Collections.Concurrent;
using Microsoft.ML;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>
/// Scores packed rows with one model. Prediction engines are not thread-safe, so each call borrows one from a pool
/// (created on demand, returned after use). Batches are cut into chunks scored on every core at once, each chunk by
/// its own engine, and come back in input order.
/// </summary>
internal sealed class PooledScorer<TOutput> : IPackedScorer
    where TOutput : class, new()
{
    // Large enough that a chunk's scheduling cost is noise, small enough that a short batch still spreads over cores.
    private const int ChunkRows = 1024;

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly FeatureLayout _layout;
    private readonly Func<TOutput, Prediction> _toPrediction;
    private readonly ConcurrentBag<PredictionEngine<PackedRow, TOutput>> _engines = [];
    private readonly Action<IReadOnlyList<PackedRow>, int, int, TOutput?[]>? _batchChunk;

    /// <param name="batchChunk">
    /// A faster scorer for batch chunks with the same answers (rows [start, end) into the same positions; a row it leaves
    /// null is scored by the engine), or null to score batches with the engine.
    /// </param>
    public PooledScorer(MLContext ml, ITransformer transformer, FeatureLayout layout, Func<TOutput, Prediction> toPrediction,
        Action<IReadOnlyList<PackedRow>, int, int, TOutput?[]>? batchChunk = null)
    {
        _ml = ml;
        _transformer = transformer;
        _layout = layout;
        _toPrediction = toPrediction;
        _batchChunk = batchChunk;
    }

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<PackedRow> rows)
    {
        var predictions = new Prediction[rows.Count];
        Score(rows, 0, rows.Count, predictions);
        return predictions;
    }

    public IEnumerable<Prediction> PredictBatch(IEnumerable<PackedRow> rows)
    {
        int workers = Environment.ProcessorCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        // Four chunks per core in each round: a core slowed by other work takes fewer of them instead of holding up the round.
        using IEnumerator<PackedRow[]> rounds = rows.Chunk(ChunkRows * workers * 4).GetEnumerator();
        PackedRow[]? round = rounds.MoveNext() ? rounds.Current : null;
        Task<PackedRow[]?>? next = null;
        try
        {
            while (round is not null)
            {
                // The next round is read (a sequential source: a cursor, a CSV) while this one is scored and consumed.
                next = Task.Run(() => rounds.MoveNext() ? rounds.Current : null);
                var predictions = new Prediction[round.Length];
                PackedRow[] scoring = round;
                TOutput?[]? fast = _batchChunk is null ? null : new TOutput?[round.Length];
                Parallel.For(0, (scoring.Length + ChunkRows - 1) / ChunkRows, options, chunk =>
                {
                    int start = chunk * ChunkRows;
                    int end = Math.Min(scoring.Length, start + ChunkRows);
                    if (fast is null)
                    {
                        Score(scoring, start, end, predictions);
                        return;
                    }

                    _batchChunk!(scoring, start, end, fast);
                    for (int i = start; i < end; i++)
                    {
                        if (fast[i] is { } output)
                        {
                            predictions[i] = _toPrediction(output);
                        }
                        else
                        {
                            Score(scoring, i, i + 1, predictions);
                        }
                    }
                });
                foreach (Prediction prediction in predictions)
                {
                    yield return prediction;
                }

                round = next.GetAwaiter().GetResult();
                next = null;
            }
        }
        finally
        {
            // A consumer that stops early must not dispose the source while the read-ahead is still using it.
            if (next is { IsCompleted: false })
            {
                ((IAsyncResult)next).AsyncWaitHandle.WaitOne();
            }
        }
    }

    public IEnumerable<Prediction> PredictBatch(IDataView rows) =>
        PredictBatch(_ml.Data.CreateEnumerable<PackedRow>(rows, reuseRowObject: false, schemaDefinition: PackedSchema.For<PackedRow>(_layout)));

    /// <summary>Scores rows [start, end) into the same positions of <paramref name="predictions"/> with one borrowed engine.</summary>
    private void Score(IReadOnlyList<PackedRow> rows, int start, int end, Prediction[] predictions)
    {
        PredictionEngine<PackedRow, TOutput> engine = _engines.TryTake(out PredictionEngine<PackedRow, TOutput>? pooled)
            ? pooled
            : _ml.Model.CreatePredictionEngine<PackedRow, TOutput>(_transformer, inputSchemaDefinition: PackedSchema.For<PackedRow>(_layout));
        try
        {
            var output = new TOutput();
            for (int i = start; i < end; i++)
            {
                engine.Predict(rows[i], ref output);
                predictions[i] = _toPrediction(output);
            }
        }
        finally
        {
            _engines.Add(engine);
        }
    }
}
