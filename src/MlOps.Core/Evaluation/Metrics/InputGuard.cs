using System.Globalization;

namespace MlOps.Core.Evaluation.Metrics;

/// <summary>
/// Argument checks shared by the metric and drift-statistic calculators: bad numbers fail loudly with the
/// offending index instead of turning a whole report into NaN.
/// </summary>
internal static class InputGuard
{
    public static void NotEmpty(int length, string paramName)
    {
        if (length == 0)
        {
            throw new ArgumentException("At least one value is required.", paramName);
        }
    }

    public static void SameLength(int length, int otherLength, string paramName, string otherParamName)
    {
        if (length != otherLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{paramName} has {length} values but {otherParamName} has {otherLength}."),
                otherParamName);
        }
    }

    public static void Finite(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw NotFinite(values[i], i, paramName);
            }
        }
    }

    /// <param name="values">The probabilities to check.</param>
    /// <param name="paramName">The caller's parameter.</param>
    /// <param name="row">For a matrix, the row being checked, so that the message points at the cell.</param>
    public static void Probabilities(ReadOnlySpan<double> values, string paramName, int? row = null)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double value = values[i];
            if (!double.IsFinite(value))
            {
                throw NotFinite(value, i, paramName, row);
            }

            if (value is < 0.0 or > 1.0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Probability {value} at {Where(i, row)} is outside [0, 1]."),
                    paramName);
            }
        }
    }

    public static ArgumentException NotFinite(double value, int index, string paramName, int? row = null) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Value {value} at {Where(index, row)} is not a finite number."), paramName);

    private static string Where(int index, int? row) =>
        row is null
            ? string.Create(CultureInfo.InvariantCulture, $"index {index}")
            : string.Create(CultureInfo.InvariantCulture, $"row {row}, column {index}");
}
