namespace MlOps.Core.Serving.Explanations;

/// <summary>Splits a predictor's raw score for one featurized row into a bias and one share per feature slot.</summary>
internal interface IScoreAttribution
{
    /// <summary><c>treePath</c> or <c>linear</c>.</summary>
    string Method { get; }

    /// <summary>Adds each slot's share to the entry of its column (<paramref name="columnOfSlot"/>) in <paramref name="columns"/>; returns the bias.</summary>
    double Attribute(float[] features, int[] columnOfSlot, double[] columns);
}
