using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlOps.Core.Training.NativeLightGbm;

/// <summary>
/// A featurized training set as LightGBM reads it: a row-major float matrix with one column per numeric feature slot
/// and one per categorical column, the labels and the optional row weights. A categorical column's one-hot slots
/// (the feature vector's CategoricalSlotRanges, which one-hot and hash encoding set) collapse into one LightGBM
/// column holding the hot slot's position in its range, and a row with no hot slot (a missing value) holds -1,
/// which LightGBM treats as missing: the same columns ML.NET's LightGbm trainer builds, so the trees it imports
/// from LightGBM's model text map back to the same slots.
/// </summary>
internal sealed class LightGbmMatrix
{
    private const string CategoricalSlotRanges = "CategoricalSlotRanges";

    private LightGbmMatrix(float[] values, int rows, int[] columnStarts, bool[] categorical, float[] labels, float[]? weights)
    {
        Values = values;
        Rows = rows;
        ColumnStarts = columnStarts;
        Categorical = categorical;
        Labels = labels;
        Weights = weights;
    }

    /// <summary>Rows × <see cref="Columns"/> values, row after row.</summary>
    public float[] Values { get; }

    public int Rows { get; }

    public int Columns => Categorical.Length;

    /// <summary>The first feature slot of each column, then the number of slots: column c covers slots [ColumnStarts[c], ColumnStarts[c + 1]).</summary>
    public int[] ColumnStarts { get; }

    /// <summary>Per column: whether it is a categorical column collapsed from several one-hot slots.</summary>
    public bool[] Categorical { get; }

    public int Slots => ColumnStarts[^1];

    public float[] Labels { get; }

    /// <summary>One weight per row, or null when every row weighs the same.</summary>
    public float[]? Weights { get; }

    public IEnumerable<int> CategoricalColumns => Enumerable.Range(0, Columns).Where(c => Categorical[c]);

    /// <summary>
    /// Reads every row of <paramref name="featurized"/> once: its <see cref="TrainingColumns.Features"/> vector, its
    /// label (Boolean for binary, Single for regression; a missing label counts as 0, as in ML.NET's trainer) and
    /// the weight column if named (a missing weight counts as 1). When the view knows its row count, up to
    /// <paramref name="parallelism"/> cursors featurize rows side by side, each row written at the index its row id
    /// gives, so the matrix is the same whatever the number of cursors.
    /// </summary>
    /// <param name="categoricalSplits">False: every slot is a column of its own, one-hot slots included.</param>
    public static LightGbmMatrix Read(IDataView featurized, bool categoricalSplits, string? weightColumn, int parallelism, CancellationToken cancellation)
    {
        var layout = new RowLayout(featurized.Schema, categoricalSplits, weightColumn);
        int columns = layout.Categorical.Length;
        long? known = featurized.GetRowCount();
        if (known is not { } count || parallelism < 2)
        {
            return ReadInOrder(featurized, layout, cancellation);
        }

        if (count == 0)
        {
            throw new InvalidOperationException("The training set has no rows.");
        }

        if (count > Array.MaxLength / Math.Max(columns, 1))
        {
            throw new InvalidOperationException($"The training set has {count:N0} rows of {columns} LightGBM columns, more than one array holds.");
        }

        int rows = (int)count;
        var values = new float[rows * columns];
        var labels = new float[rows];
        float[]? weights = weightColumn is null ? null : new float[rows];
        var seen = new bool[rows];
        DataViewRowCursor[] cursors = featurized.GetRowCursorSet(layout.Active, parallelism);
        bool complete = true;
        try
        {
            Parallel.ForEach(cursors, new ParallelOptions { MaxDegreeOfParallelism = cursors.Length, CancellationToken = cancellation }, cursor =>
            {
                // A row's id is its index in the cached rows the view reads; a cursor's position only counts its own rows.
                ValueGetter<DataViewRowId> getId = cursor.GetIdGetter();
                var reader = new RowReader(cursor, layout);
                DataViewRowId id = default;
                long mine = 0;
                while (cursor.MoveNext())
                {
                    getId(ref id);
                    if (id.High != 0 || id.Low >= (ulong)rows || seen[id.Low])
                    {
                        Volatile.Write(ref complete, false);
                        return;
                    }

                    seen[id.Low] = true;
                    reader.Read((int)id.Low, values, labels, weights);
                    if ((++mine & 0xFFFF) == 0)
                    {
                        cancellation.ThrowIfCancellationRequested();
                    }
                }
            });
        }
        finally
        {
            foreach (DataViewRowCursor cursor in cursors)
            {
                cursor.Dispose();
            }
        }

        // Ids that are not row indexes (a view that numbers its rows otherwise): read again in order.
        return complete && Array.TrueForAll(seen, s => s)
            ? new LightGbmMatrix(values, rows, layout.ColumnStarts, layout.Categorical, labels, weights)
            : ReadInOrder(featurized, layout, cancellation);
    }

    private static LightGbmMatrix ReadInOrder(IDataView featurized, RowLayout layout, CancellationToken cancellation)
    {
        int columns = layout.Categorical.Length;
        int capacity = (int)Math.Min(Math.Max(featurized.GetRowCount() ?? 1024, 1), Array.MaxLength / Math.Max(columns, 1));
        var values = new float[capacity * columns];
        var labels = new float[capacity];
        float[]? weights = layout.Weight is null ? null : new float[capacity];
        int rows = 0;
        using DataViewRowCursor cursor = featurized.GetRowCursor(layout.Active);
        var reader = new RowReader(cursor, layout);
        while (cursor.MoveNext())
        {
            if ((rows & 0xFFFF) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            if (rows == capacity)
            {
                capacity = (int)Math.Min((long)capacity * 2, Array.MaxLength / Math.Max(columns, 1));
                if (capacity == rows)
                {
                    throw new InvalidOperationException($"The training set has more than {rows:N0} rows of {columns} LightGBM columns, more than one array holds.");
                }

                Array.Resize(ref values, capacity * columns);
                Array.Resize(ref labels, capacity);
                if (weights is not null)
                {
                    Array.Resize(ref weights, capacity);
                }
            }

            reader.Read(rows++, values, labels, weights);
        }

        if (rows == 0)
        {
            throw new InvalidOperationException("The training set has no rows.");
        }

        Array.Resize(ref values, rows * columns);
        Array.Resize(ref labels, rows);
        if (weights is not null)
        {
            Array.Resize(ref weights, rows);
        }

        return new LightGbmMatrix(values, rows, layout.ColumnStarts, layout.Categorical, labels, weights);
    }

    /// <summary>
    /// The LightGBM columns: each valid categorical slot range of two or more slots becomes one column, every other
    /// slot one column of its own (a range of one slot is a plain 0/1 feature, as ML.NET's trainer treats it).
    /// Ranges that are out of order, overlapping or outside the vector are ignored altogether, as there.
    /// </summary>
    private static (int[] ColumnStarts, bool[] Categorical) ColumnsOf(DataViewSchema.Column features, int slots, bool categoricalSplits)
    {
        var ranges = new List<(int Start, int End)>();
        if (categoricalSplits && features.Annotations.Schema.GetColumnOrNull(CategoricalSlotRanges)?.Type.RawType == typeof(VBuffer<int>))
        {
            var annotation = default(VBuffer<int>);
            features.Annotations.GetValue(CategoricalSlotRanges, ref annotation);
            int[] pairs = [.. annotation.DenseValues()];
            int previousEnd = -1;
            for (int i = 0; i + 1 < pairs.Length && pairs.Length % 2 == 0; i += 2)
            {
                if (pairs[i] > pairs[i + 1] || pairs[i] <= previousEnd || pairs[i + 1] >= slots)
                {
                    ranges.Clear();
                    break;
                }

                ranges.Add((pairs[i], pairs[i + 1]));
                previousEnd = pairs[i + 1];
            }
        }

        var starts = new List<int>();
        var categorical = new List<bool>();
        int next = 0;
        foreach ((int start, int end) in ranges)
        {
            for (; next < start; next++)
            {
                starts.Add(next);
                categorical.Add(false);
            }

            starts.Add(start);
            categorical.Add(end > start);
            next = end + 1;
        }

        for (; next < slots; next++)
        {
            starts.Add(next);
            categorical.Add(false);
        }

        starts.Add(slots);
        return ([.. starts], [.. categorical]);
    }

    private static Func<float> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        if (label.Type is BooleanDataViewType)
        {
            ValueGetter<bool> getter = cursor.GetGetter<bool>(label);
            bool value = false;
            return () =>
            {
                getter(ref value);
                return value ? 1f : 0f;
            };
        }

        ValueGetter<float> single = cursor.GetGetter<float>(label);
        float number = 0;
        return () =>
        {
            single(ref number);
            return number;
        };
    }

    /// <summary>Where each feature slot goes in a matrix row, and the columns a read needs.</summary>
    private sealed class RowLayout
    {
        public RowLayout(DataViewSchema schema, bool categoricalSplits, string? weightColumn)
        {
            Features = schema[TrainingColumns.Features];
            Label = schema[TrainingColumns.Label];
            Weight = weightColumn is null ? null : schema[weightColumn];
            int slots = ((VectorDataViewType)Features.Type).Size;
            (ColumnStarts, Categorical) = ColumnsOf(Features, slots, categoricalSplits);
            ColumnOfSlot = new int[slots];
            Empty = new float[Categorical.Length];
            for (int c = 0; c < Categorical.Length; c++)
            {
                Array.Fill(ColumnOfSlot, c, ColumnStarts[c], ColumnStarts[c + 1] - ColumnStarts[c]);
                Empty[c] = Categorical[c] ? -1f : 0f;
            }

            Active = Weight is { } weight ? [Features, Label, weight] : [Features, Label];
        }

        public DataViewSchema.Column Features { get; }

        public DataViewSchema.Column Label { get; }

        public DataViewSchema.Column? Weight { get; }

        public DataViewSchema.Column[] Active { get; }

        public int[] ColumnStarts { get; }

        public bool[] Categorical { get; }

        public int[] ColumnOfSlot { get; }

        /// <summary>A row before its vector is read: zeros, and -1 (missing) in the categorical columns.</summary>
        public float[] Empty { get; }
    }

    /// <summary>One cursor's getters; writes the cursor's current row into the matrix at a given row index.</summary>
    private sealed class RowReader
    {
        private readonly RowLayout _layout;
        private readonly ValueGetter<VBuffer<float>> _features;
        private readonly Func<float> _label;
        private readonly ValueGetter<float>? _weight;
        private VBuffer<float> _vector;

        public RowReader(DataViewRowCursor cursor, RowLayout layout)
        {
            _layout = layout;
            _features = cursor.GetGetter<VBuffer<float>>(layout.Features);
            _label = LabelGetter(cursor, layout.Label);
            _weight = layout.Weight is { } weight ? cursor.GetGetter<float>(weight) : null;
        }

        public void Read(int index, float[] values, float[] labels, float[]? weights)
        {
            int columns = _layout.Categorical.Length;
            _features(ref _vector);
            Span<float> row = values.AsSpan(index * columns, columns);
            _layout.Empty.CopyTo(row);
            ReadOnlySpan<float> given = _vector.GetValues();
            if (_vector.IsDense)
            {
                for (int slot = 0; slot < given.Length; slot++)
                {
                    Set(row, slot, given[slot]);
                }
            }
            else
            {
                ReadOnlySpan<int> indices = _vector.GetIndices();
                for (int i = 0; i < given.Length; i++)
                {
                    Set(row, indices[i], given[i]);
                }
            }

            float y = _label();
            labels[index] = float.IsNaN(y) ? 0f : y;
            if (_weight is not null)
            {
                float weight = 0;
                _weight(ref weight);
                weights![index] = float.IsNaN(weight) ? 1f : weight;
            }
        }

        /// <summary>A numeric slot's value, or for a categorical column the position of its first hot slot.</summary>
        private void Set(Span<float> row, int slot, float value)
        {
            int column = _layout.ColumnOfSlot[slot];
            if (!_layout.Categorical[column])
            {
                row[column] = value;
            }
            else if (value > 0 && row[column] < 0)
            {
                // One-hot and hash encodings of a single value set exactly one slot, so "first" is "the".
                row[column] = slot - _layout.ColumnStarts[column];
            }
        }
    }
}
