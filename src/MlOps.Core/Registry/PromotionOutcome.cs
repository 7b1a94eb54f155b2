using System.Text.Json.Serialization;

namespace MlOps.Core.Registry;

/// <summary>What became of a promotion attempt; attempts that lost a race stay in the history too.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromotionOutcome>))]
public enum PromotionOutcome
{
    /// <summary>Written before the alias moves; read as applied when the alias carries its key (a crash in between).</summary>
    Pending,

    Applied,

    /// <summary>Another promotion moved the alias first; this one changed nothing.</summary>
    Conflict,

    /// <summary>Storage failed while the alias was being moved; the alias did not move (the entry says why).</summary>
    Failed,
}
