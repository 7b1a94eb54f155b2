using MlOps.Core.Data.Privacy;
using MlOps.Core.Specs;

namespace MlOps.Core.Registry.Cards;

/// <summary>A column that looked personal: the pattern, the share of examined values matching it, and what the spec decided.</summary>
public sealed record ModelCardPersonalColumn(string Column, PiiPattern Pattern, double Share, PiiAction? Decision);
