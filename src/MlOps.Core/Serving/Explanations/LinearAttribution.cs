namespace MlOps.Core.Serving.Explanations;

/// <summary>A linear model's raw score split by slot: weight × the featurized (normalized) value, plus the model's bias.</summary>
internal sealed class LinearAttribution : IScoreAttribution
{
    private readonly float[] _weights;
    private readonly float _bias;

    public LinearAttribution(float[] weights, float bias)
    {
        _weights = weights;
        _bias = bias;
    }

    public string Method => "linear";

    public double Attribute(float[] features, int[] columnOfSlot, double[] columns)
    {
        for (int i = 0; i < _weights.Length; i++)
        {
            columns[columnOfSlot[i]] += (double)_weights[i] * features[i];
        }

        return _bias;
    }
}
