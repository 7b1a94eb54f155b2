namespace MlOps.Host.Tests.Dashboard;

/// <summary>The browser tests share one chromium per class and run one at a time: a page is one browser's state.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardCollection
{
    public const string Name = "Dashboard";
}
