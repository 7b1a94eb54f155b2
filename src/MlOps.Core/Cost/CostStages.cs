namespace MlOps.Core.Cost;

/// <summary>The stage names costs are reported by.</summary>
public static class CostStages
{
    public const string Ingest = "ingest";
    public const string Train = "train";
    public const string Evaluate = "evaluate";
    public const string Deploy = "deploy";
    public const string Promote = "promote";
    public const string Orchestration = "orchestration";
    public const string Monitor = "monitor";
    public const string Serving = "serving";
    public const string Scoring = "scoring";
    public const string Overhead = "overhead";

    /// <summary>The ledger partition of costs no model owns (instance overhead).</summary>
    public const string PlatformModel = "(platform)";
}
