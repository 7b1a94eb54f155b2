using System.Text;
using MlOps.Core.Data.Validation;

namespace MlOps.Core.Tests.Data.Validation;

public sealed class LabelObserverTests
{
    private static LabelObserver Observe(params string[] labels)
    {
        var observer = new LabelObserver("y", classify: true);
        observer.OnColumns(["y"]);
        foreach (string label in labels)
        {
            observer.OnText(0, Encoding.UTF8.GetBytes(label));
        }

        return observer;
    }

    [Fact]
    public void OnText_SpellingsOfOneClass_OneClassPerTrimmedName()
    {
        LabelObserver labels = Observe("yes", " yes", "no", "yes ", "no", " yes");

        Assert.Equal(["yes", "no"], labels.ClassNames);
        Assert.Equal([0, 0, 1, 0, 1, 0], labels.RowClasses);
    }

    [Fact]
    public void OnText_MoreClassesThanAllowed_LaterNewNamesLeftOutEveryTime()
    {
        string[] names = [.. Enumerable.Range(0, 1_000).Select(i => $"c{i}")];

        LabelObserver labels = Observe([.. names, "extra", "c5", "extra"]);

        Assert.True(labels.TooManyClasses);
        Assert.Equal([-1, 5, -1], labels.RowClasses[^3..]);
    }
}
