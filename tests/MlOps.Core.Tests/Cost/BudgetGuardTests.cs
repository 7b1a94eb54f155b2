using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.Cost;
using MlOps.Core.Specs;
using MlOps.Testing;

namespace MlOps.Core.Tests.Cost;

public sealed class BudgetGuardTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public BudgetGuardTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task CheckMonthlyAsync_SpendingCrossesThresholds_AlertsOncePerThresholdAndRefusesAtTheLimit()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var guard = services.GetRequiredService<BudgetGuard>();
        var alerts = services.GetRequiredService<AlertPublisher>();
        var budget = new BudgetSpec { Monthly = 1.0, AlertAt = [0.5, 0.8, 1.0] };

        await SpendAsync(services, "m", "a", 0.6);
        MonthlyBudgetStatus first = await guard.CheckMonthlyAsync("m", budget);
        await guard.CheckMonthlyAsync("m", budget); // a second check in the month raises nothing new
        Assert.Equal(0.6, first.Spent, 9);
        Assert.False(first.Refuses);
        Assert.Equal(["50 %"], (await alerts.ListAsync("m")).Select(ShareOf));

        await SpendAsync(services, "m", "b", 0.5);
        MonthlyBudgetStatus over = await guard.CheckMonthlyAsync("m", budget);
        await guard.CheckMonthlyAsync("m", budget);

        Assert.True(over.Exhausted);
        Assert.True(over.Refuses);
        Assert.Contains("budget.monthly", over.Describe(), StringComparison.Ordinal);
        IReadOnlyList<AlertRecord> raised = await alerts.ListAsync("m");
        Assert.Equal(["100 %", "50 %", "80 %"], raised.Select(ShareOf).Order(StringComparer.Ordinal));
        Assert.All(raised, a => Assert.Equal(AlertKind.Budget, a.Kind));
        Assert.Equal(AlertSeverity.Critical, raised.Single(a => ShareOf(a) == "100 %").Severity);
    }

    [Fact]
    public async Task CheckMonthlyAsync_NotEnforced_AlertsButDoesNotRefuse()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        await SpendAsync(services, "m", "a", 2.0);

        MonthlyBudgetStatus status = await services.GetRequiredService<BudgetGuard>().CheckMonthlyAsync("m", new BudgetSpec { Monthly = 1.0, Enforce = false });

        Assert.True(status.Exhausted);
        Assert.False(status.Refuses);
    }

    [Fact]
    public async Task CheckMonthlyAsync_LastMonthsSpending_DoesNotCount()
    {
        await using ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString);
        var ledger = services.GetRequiredService<CostLedger>();
        CostLedgerEntry old = Entry("m", "old", 5.0) with { Day = CostLedgerEntry.DayOf(DateTimeOffset.UtcNow.AddDays(-40)) };
        await ledger.RecordAsync(old);

        MonthlyBudgetStatus status = await services.GetRequiredService<BudgetGuard>().CheckMonthlyAsync("m", new BudgetSpec { Monthly = 1.0 });

        Assert.Equal(0, status.Spent);
        Assert.Empty(await services.GetRequiredService<AlertPublisher>().ListAsync("m"));
    }

    /// <summary>A ledger row costing exactly <paramref name="amount"/> today.</summary>
    internal static Task SpendAsync(IServiceProvider services, string model, string id, double amount) =>
        services.GetRequiredService<CostLedger>().RecordAsync(Entry(model, id, amount));

    private static CostLedgerEntry Entry(string model, string id, double amount) => new()
    {
        Id = $"{id}|test", Model = model, Stage = CostStages.Serving, Unit = "test", Day = CostLedgerEntry.DayOf(DateTimeOffset.UtcNow), At = DateTimeOffset.UtcNow,
        Usage = new ResourceUsage(), Cost = new CostBreakdown { Total = amount }, Currency = "USD", PriceSheetVersion = "test",
    };

    private static string ShareOf(AlertRecord alert) => alert.Message[..alert.Message.IndexOf(" of the monthly budget", StringComparison.Ordinal)];
}
