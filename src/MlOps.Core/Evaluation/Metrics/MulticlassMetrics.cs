namespace MlOps.Core.Evaluation.Metrics;

/// <summary>
/// Quality of a multiclass classifier's probabilities, with scikit-learn's definitions and names.
/// </summary>
/// <param name="Count">Number of scored rows.</param>
/// <param name="Classes">Number of classes (columns of the probability matrix).</param>
/// <param name="Accuracy">Share of rows whose most probable class is the true class (ML.NET's micro-accuracy).</param>
/// <param name="BalancedAccuracy">Mean recall over the classes present in the labels (ML.NET's macro-accuracy).</param>
/// <param name="LogLoss">Mean cross-entropy; probabilities clipped to [eps, 1 - eps] and each row renormalised.</param>
/// <param name="MacroF1">Mean F1 over the classes that occur as a label or a prediction.</param>
/// <param name="ConfusionMatrix">Counts; rows are true classes, columns predicted classes (argmax, first on ties).</param>
public sealed record MulticlassMetrics(
    int Count,
    int Classes,
    double Accuracy,
    double BalancedAccuracy,
    double LogLoss,
    double MacroF1,
    int[][] ConfusionMatrix);
