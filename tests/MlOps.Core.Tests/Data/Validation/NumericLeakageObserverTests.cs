using MlOps.Core.Data.Profiling;
using MlOps.Core.Data.Validation;

namespace MlOps.Core.Tests.Data.Validation;

public sealed class NumericLeakageObserverTests
{
    // Columns x, label; the label column's observer must see the header first, as on the profiler's first pass.
    private static (LabelObserver Labels, NumericLeakageObserver Numbers) Observers(bool regression)
    {
        var labels = new LabelObserver("label", classify: !regression);
        var numbers = new NumericLeakageObserver(labels, regression);
        labels.OnColumns(["x", "label"]);
        numbers.OnColumns(["x", "label"]);
        return (labels, numbers);
    }

    private static void Label(LabelObserver labels, string? value)
    {
        if (value is null)
        {
            labels.OnMissing(1);
        }
        else if (double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double number))
        {
            labels.OnNumber(1, number, System.Text.Encoding.UTF8.GetBytes(value));
        }
        else
        {
            labels.OnText(1, System.Text.Encoding.UTF8.GetBytes(value));
        }
    }

    [Fact]
    public void Range_ValuesBeforeTheirLabels_FoldedPerClassSkippingUnlabelledRowsAndText()
    {
        (LabelObserver labels, NumericLeakageObserver numbers) = Observers(regression: false);
        Assert.False(numbers.WantsColumn(1));
        Assert.True(numbers.WantsColumn(0));

        // Column by column, as a CSV batch is replayed: every x of the batch comes before any label.
        numbers.OnNumber(0, 5, "5"u8);
        numbers.OnNumber(0, -1, "-1"u8);
        numbers.OnText(0, "abc"u8);
        numbers.OnNumber(0, 100, "100"u8);
        numbers.OnNumber(0, 7, "7"u8);
        numbers.OnMissing(0);
        Assert.Equal((double.PositiveInfinity, double.NegativeInfinity), numbers.Range(0, 0));
        foreach (string? label in new[] { "a", "b", "a", null, "a", "b" })
        {
            Label(labels, label);
        }

        numbers.OnRows(6);

        Assert.Equal((5.0, 7.0), numbers.Range(0, 0));
        Assert.Equal((-1.0, -1.0), numbers.Range(0, 1));
        Assert.Equal((double.PositiveInfinity, double.NegativeInfinity), numbers.Range(0, 2));
    }

    [Fact]
    public void Sums_RowByRow_OverRowsWithANumericTarget()
    {
        (LabelObserver labels, NumericLeakageObserver numbers) = Observers(regression: true);
        (double X, string? Y)[] rows = [(1, "2"), (2, "4"), (3, null), (4, "x"), (5, "10")];
        foreach ((double x, string? y) in rows)
        {
            numbers.OnNumber(0, x, []);
            Label(labels, y);
        }

        // Not folded yet: reading folds what is ready.
        Assert.Equal([3.0, 8.0, 16.0, 60.0, 30.0, 120.0], numbers.Sums(0));
    }
}
