using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using MlOps.Core.Serialization;

namespace MlOps.Core.Cost;

/// <summary>
/// The prices and billing rules the cost ledger applies, each price with its source and date. Immutable; its
/// <see cref="Version"/> names its content, so every ledger entry says exactly which prices it was computed with.
/// </summary>
public sealed record PriceSheet
{
    /// <summary>The content's name: the newest price date and a hash of every figure (set by <see cref="Stamped"/>).</summary>
    public string Version { get; init; } = string.Empty;

    public string Currency { get; init; } = "USD";

    /// <summary>The Azure region the list prices are for (prices differ slightly by region).</summary>
    public string Region { get; init; } = "eastus";

    public HostingPlan Plan { get; init; } = HostingPlan.FlexConsumption;

    /// <summary>The memory of each instance the app runs on (Flex Consumption: 512, 2048 or 4096 MB).</summary>
    public int InstanceMemoryMb { get; init; } = 2048;

    public BillingRules Billing { get; init; } = new();

    public required ListPrice FlexExecutionTime { get; init; }

    public required ListPrice FlexExecutions { get; init; }

    public required ListPrice ConsumptionExecutionTime { get; init; }

    public required ListPrice ConsumptionExecutions { get; init; }

    public required ListPrice BlobStorage { get; init; }

    public required ListPrice BlobWrite { get; init; }

    public required ListPrice BlobRead { get; init; }

    /// <summary>List and create-container operations (priced as writes on the hot tier).</summary>
    public required ListPrice BlobList { get; init; }

    /// <summary>All other blob operations (properties, metadata reads); deletes are free but counted here.</summary>
    public required ListPrice BlobOther { get; init; }

    public required ListPrice QueueOperations { get; init; }

    public required ListPrice TableOperations { get; init; }

    /// <summary>The price of memory-time on the configured plan, per GB-s.</summary>
    [JsonIgnore]
    public ListPrice ExecutionTime => Plan == HostingPlan.FlexConsumption ? FlexExecutionTime : ConsumptionExecutionTime;

    /// <summary>The price of executions on the configured plan.</summary>
    [JsonIgnore]
    public ListPrice Executions => Plan == HostingPlan.FlexConsumption ? FlexExecutions : ConsumptionExecutions;

    /// <summary>Every price with its name, in a fixed order.</summary>
    [JsonIgnore]
    public IReadOnlyList<(string Meter, ListPrice Price)> Prices =>
    [
        (nameof(FlexExecutionTime), FlexExecutionTime), (nameof(FlexExecutions), FlexExecutions),
        (nameof(ConsumptionExecutionTime), ConsumptionExecutionTime), (nameof(ConsumptionExecutions), ConsumptionExecutions),
        (nameof(BlobStorage), BlobStorage), (nameof(BlobWrite), BlobWrite), (nameof(BlobRead), BlobRead), (nameof(BlobList), BlobList),
        (nameof(BlobOther), BlobOther), (nameof(QueueOperations), QueueOperations), (nameof(TableOperations), TableOperations),
    ];

    /// <summary>The price of one storage operation of a service and class.</summary>
    public ListPrice StorageOperation(StorageService service, StorageOperationClass operation) => service switch
    {
        StorageService.Queue => QueueOperations,
        StorageService.Table => TableOperations,
        _ => operation switch
        {
            StorageOperationClass.Write => BlobWrite,
            StorageOperationClass.Read => BlobRead,
            StorageOperationClass.List => BlobList,
            _ => BlobOther,
        },
    };

    /// <summary>This sheet with <see cref="Version"/> set from its content.</summary>
    public PriceSheet Stamped() => this with { Version = ContentVersion() };

    /// <summary>yyyyMMdd of the newest price, then the first 8 hex digits of the SHA-256 of everything but the version.</summary>
    public string ContentVersion()
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonDefaults.Serialize(this with { Version = string.Empty })));
        DateOnly newest = Prices.Max(p => p.Price.AsOf);
        return string.Create(CultureInfo.InvariantCulture, $"{newest:yyyyMMdd}-{Convert.ToHexStringLower(hash.AsSpan(0, 4))}");
    }
}
