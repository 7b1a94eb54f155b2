namespace MlOps.Core.Evaluation.Metrics;

/// <summary>
/// Quality of a binary classifier's probabilities, with the same definitions as scikit-learn.
/// </summary>
/// <param name="Count">Number of scored rows.</param>
/// <param name="Positives">Rows whose label is true.</param>
/// <param name="Auc">Area under the ROC curve (tied scores count half); null when only one class is present.</param>
/// <param name="AveragePrecision">Step-wise area under the precision-recall curve; null when there are no positives.</param>
/// <param name="LogLoss">Mean cross-entropy with probabilities clipped to [eps, 1 - eps], eps = 2^-52.</param>
/// <param name="Brier">Mean squared difference between probability and label.</param>
/// <param name="Threshold">A row is predicted positive when its probability is at least this value.</param>
/// <param name="TruePositives">Positives predicted positive.</param>
/// <param name="FalsePositives">Negatives predicted positive.</param>
/// <param name="TrueNegatives">Negatives predicted negative.</param>
/// <param name="FalseNegatives">Positives predicted negative.</param>
/// <param name="Accuracy">Share of rows predicted correctly at the threshold.</param>
/// <param name="Precision">TP / (TP + FP); 0 when nothing is predicted positive.</param>
/// <param name="Recall">TP / (TP + FN); 0 when there are no positives.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="BalancedAccuracy">Mean of the recall of each class that occurs in the labels: (recall + specificity) / 2 when both do.</param>
public sealed record BinaryMetrics(
    int Count,
    int Positives,
    double? Auc,
    double? AveragePrecision,
    double LogLoss,
    double Brier,
    double Threshold,
    int TruePositives,
    int FalsePositives,
    int TrueNegatives,
    int FalseNegatives,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double BalancedAccuracy);
