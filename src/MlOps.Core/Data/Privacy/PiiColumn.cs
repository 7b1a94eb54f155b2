namespace MlOps.Core.Data.Privacy;

/// <summary>A column that looks personal: the pattern most of its values match, and the share of the values examined that match it.</summary>
public sealed record PiiColumn(string Name, PiiPattern Pattern, double Share, long Examined);
