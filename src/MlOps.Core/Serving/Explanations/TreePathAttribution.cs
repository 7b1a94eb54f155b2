using Microsoft.ML.Trainers.FastTree;

namespace MlOps.Core.Serving.Explanations;

/// <summary>
/// Path attribution over a tree ensemble (Saabas): every split node has a value (see <see cref="FlatTree.NodeValues"/>),
/// the root's value goes to the bias, and each step a row takes down a tree moves the score by the child's value minus
/// the node's, credited to the column the node tests. Along a path these steps telescope to the leaf's value, so the
/// bias and the contributions add up to the ensemble's output exactly (up to double rounding).
/// </summary>
internal sealed class TreePathAttribution : IScoreAttribution
{
    private readonly FlatTree[] _trees;
    private readonly double[][] _nodeValues;
    private readonly double[] _weights;
    private readonly double _bias;

    public TreePathAttribution(IReadOnlyList<RegressionTreeBase> trees, IReadOnlyList<double> weights, double bias)
    {
        _trees = [.. trees.Select(FlatTree.From)];
        _nodeValues = [.. _trees.Select(t => t.NodeValues())];
        _weights = [.. weights];
        _bias = bias;
    }

    public string Method => "treePath";

    public double Attribute(float[] features, int[] columnOfSlot, double[] columns)
    {
        double bias = _bias;
        for (int t = 0; t < _trees.Length; t++)
        {
            FlatTree tree = _trees[t];
            double weight = _weights[t];
            if (tree.Nodes == 0)
            {
                bias += weight * tree.SingleLeaf;
                continue;
            }

            double[] values = _nodeValues[t];
            bias += weight * values[0];
            int node = 0;
            while (node >= 0)
            {
                int child = tree.Child(node, features);
                columns[columnOfSlot[tree.SplitSlot(node)]] += weight * (tree.ValueOf(child, values) - values[node]);
                node = child;
            }
        }

        return bias;
    }
}
