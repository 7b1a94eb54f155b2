using Microsoft.ML.Trainers.FastTree;

namespace MlOps.Core.Serving;

/// <summary>One regression tree in flat arrays; children below zero are leaves (~index), as in ML.NET.</summary>
internal sealed class FlatTree
{
    private int[] _feature = [];
    private float[] _threshold = [];
    private int[] _left = [];
    private int[] _right = [];
    private int[]?[] _categories = [];
    private int[] _splitSlot = [];
    private double[] _leaves = [];
    private int[] _children = []; // left and right child of node n at 2n and 2n + 1
    private bool _numericOnly;

    /// <summary>Split nodes (a tree of one leaf has none).</summary>
    public int Nodes => _left.Length;

    public static FlatTree From(RegressionTreeBase tree)
    {
        int nodes = tree.NumberOfNodes;
        var flat = new FlatTree
        {
            _feature = [.. tree.NumericalSplitFeatureIndexes.Take(nodes)],
            _threshold = [.. tree.NumericalSplitThresholds.Take(nodes)],
            _left = [.. tree.LeftChild.Take(nodes)],
            _right = [.. tree.RightChild.Take(nodes)],
            _leaves = [.. tree.LeafValues],
            _categories = new int[]?[nodes],
        };
        flat._children = new int[2 * nodes];
        flat._splitSlot = [.. flat._feature];
        for (int n = 0; n < nodes; n++)
        {
            flat._children[2 * n] = flat._left[n];
            flat._children[(2 * n) + 1] = flat._right[n];
            if (tree.CategoricalSplitFlags[n])
            {
                flat._categories[n] = [.. tree.GetCategoricalSplitFeaturesAt(n)];
                flat._splitSlot[n] = tree.GetCategoricalCategoricalSplitFeatureRangeAt(n)[0]; // the first one-hot slot of the column it tests
            }
        }

        flat._numericOnly = nodes > 0 && Array.TrueForAll(flat._categories, c => c is null);
        return flat;
    }

    /// <summary>Adds this tree's output for each of the first <paramref name="count"/> rows to their sums.</summary>
    public void AddOutputs(float[][] rows, int count, double[] sums)
    {
        int b = 0;
        if (_numericOnly)
        {
            // Four rows walk the tree side by side with branch-free steps: their comparisons are independent, so
            // the CPU overlaps them instead of stalling on one mispredicted branch per node.
            int[] children = _children;
            int[] feature = _feature;
            float[] threshold = _threshold;
            for (; b + 4 <= count; b += 4)
            {
                float[] r0 = rows[b], r1 = rows[b + 1], r2 = rows[b + 2], r3 = rows[b + 3];
                int n0 = 0, n1 = 0, n2 = 0, n3 = 0;
                while ((n0 & n1 & n2 & n3) >= 0) // until all four are at leaves (negative)
                {
                    // ML.NET's test is value <= threshold for the left child; NaN goes right, as there.
                    n0 = n0 < 0 ? n0 : children[(2 * n0) + (r0[feature[n0]] <= threshold[n0] ? 0 : 1)];
                    n1 = n1 < 0 ? n1 : children[(2 * n1) + (r1[feature[n1]] <= threshold[n1] ? 0 : 1)];
                    n2 = n2 < 0 ? n2 : children[(2 * n2) + (r2[feature[n2]] <= threshold[n2] ? 0 : 1)];
                    n3 = n3 < 0 ? n3 : children[(2 * n3) + (r3[feature[n3]] <= threshold[n3] ? 0 : 1)];
                }

                sums[b] += _leaves[~n0];
                sums[b + 1] += _leaves[~n1];
                sums[b + 2] += _leaves[~n2];
                sums[b + 3] += _leaves[~n3];
            }
        }

        for (; b < count; b++)
        {
            sums[b] += Output(rows[b]);
        }
    }

    public double Output(float[] features)
    {
        if (_leaves.Length == 1)
        {
            return _leaves[0];
        }

        int node = 0;
        while (node >= 0)
        {
            node = Child(node, features);
        }

        return _leaves[~node];
    }

    /// <summary>The child of split node <paramref name="node"/> a row takes: a node index, or a leaf as ~index.</summary>
    public int Child(int node, float[] features)
    {
        int[]? categories = _categories[node];
        if (categories is null)
        {
            return features[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
        }

        // A categorical split goes right when any of its one-hot slots is set.
        foreach (int slot in categories)
        {
            if (features[slot] > 0f)
            {
                return _right[node];
            }
        }

        return _left[node];
    }

    /// <summary>The feature slot split node <paramref name="node"/> tests (for a categorical split, one of its column's slots).</summary>
    public int SplitSlot(int node) => _splitSlot[node];

    /// <summary>
    /// A value for every split node: the mean of its two children's values, leaves being their own value. The trees
    /// keep no count of the training rows that reached each node, so each split is taken as even.
    /// </summary>
    public double[] NodeValues()
    {
        var values = new double[Nodes];
        if (Nodes == 0)
        {
            return values;
        }

        // Post-order without recursion (a tree may be deep): a node is valued once both its children are.
        var done = new bool[Nodes];
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            int n = stack.Peek();
            bool leftReady = _left[n] < 0 || done[_left[n]];
            bool rightReady = _right[n] < 0 || done[_right[n]];
            if (leftReady && rightReady)
            {
                values[n] = (ValueOf(_left[n], values) + ValueOf(_right[n], values)) / 2;
                done[n] = true;
                stack.Pop();
                continue;
            }

            if (!leftReady)
            {
                stack.Push(_left[n]);
            }

            if (!rightReady)
            {
                stack.Push(_right[n]);
            }
        }

        return values;
    }

    /// <summary>The value of a node or leaf (~index) given the split nodes' values.</summary>
    public double ValueOf(int node, double[] nodeValues) => node < 0 ? _leaves[~node] : nodeValues[node];

    /// <summary>The value of a tree of one leaf.</summary>
    public double SingleLeaf => _leaves[0];
}
