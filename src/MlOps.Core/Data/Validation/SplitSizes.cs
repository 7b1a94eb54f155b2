namespace MlOps.Core.Data.Validation;

/// <summary>How many labelled rows went to each split (rows without a label go to none).</summary>
public sealed record SplitSizes(long Train, long Validation, long Test);
