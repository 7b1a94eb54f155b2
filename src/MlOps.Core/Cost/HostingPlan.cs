using System.Text.Json.Serialization;

namespace MlOps.Core.Cost;

/// <summary>The Azure Functions plan whose prices and billing rules the ledger applies.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HostingPlan>))]
public enum HostingPlan
{
    /// <summary>Flex Consumption, on demand: instance memory times active time, plus executions.</summary>
    FlexConsumption,

    /// <summary>The legacy Consumption plan: observed memory (128 MB steps, at most 1.5 GB) times execution time, plus executions.</summary>
    Consumption,
}
