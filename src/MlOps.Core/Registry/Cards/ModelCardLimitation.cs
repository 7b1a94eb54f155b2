namespace MlOps.Core.Registry.Cards;

/// <summary>One known limitation: which check found it (overfit, validation code such as class-imbalance, drift), the message, and when.</summary>
public sealed record ModelCardLimitation(string Kind, string Message, string? Column = null, DateTimeOffset? At = null);
