using MlOps.Core.Data.Profiling;

namespace MlOps.Core.Data.Validation;

/// <summary>Lets an extra visitor ride along on a source's first scan (the profiler's first pass), so it costs no pass of its own.</summary>
public sealed class TeeDatasetSource : IDatasetSource
{
    private readonly IDatasetSource _inner;
    private readonly IDatasetVisitor _passenger;
    private int _scans;

    public TeeDatasetSource(IDatasetSource inner, IDatasetVisitor passenger)
    {
        _inner = inner;
        _passenger = passenger;
    }

    public string Name => _inner.Name;

    public Task ScanAsync(IDatasetVisitor visitor, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _scans) == 1
            ? _inner.ScanAsync(new TeeVisitor(visitor, _passenger), cancellationToken)
            : _inner.ScanAsync(visitor, cancellationToken);

    private sealed class TeeVisitor(IDatasetVisitor first, IDatasetVisitor second) : IDatasetVisitor, IColumnBatchVisitor
    {
        private bool[] _first = [];
        private bool[] _second = [];

        public void OnColumns(IReadOnlyList<string> names)
        {
            first.OnColumns(names);
            second.OnColumns(names);
            _first = [.. Enumerable.Range(0, names.Count).Select(first.WantsColumn)];
            _second = [.. Enumerable.Range(0, names.Count).Select(second.WantsColumn)];
        }

        public bool WantsColumn(int column) => _first[column] | _second[column];

        public void OnMissing(int column)
        {
            if (_first[column])
            {
                first.OnMissing(column);
            }

            if (_second[column])
            {
                second.OnMissing(column);
            }
        }

        public void OnNumber(int column, double value, ReadOnlySpan<byte> text)
        {
            if (_first[column])
            {
                first.OnNumber(column, value, text);
            }

            if (_second[column])
            {
                second.OnNumber(column, value, text);
            }
        }

        public void OnText(int column, ReadOnlySpan<byte> utf8)
        {
            if (_first[column])
            {
                first.OnText(column, utf8);
            }

            if (_second[column])
            {
                second.OnText(column, utf8);
            }
        }

        public bool TakesColumnsConcurrently =>
            first is IColumnBatchVisitor { TakesColumnsConcurrently: true } && second is IColumnBatchVisitor { TakesColumnsConcurrently: true };

        public void OnColumnBatch(int column, CsvValueBatch batch, int batchColumn)
        {
            if (_first[column])
            {
                batch.Visit(batchColumn, column, first);
            }

            if (_second[column])
            {
                batch.Visit(batchColumn, column, second);
            }
        }

        public void OnRows(long count)
        {
            first.OnRows(count);
            second.OnRows(count);
        }
    }
}
