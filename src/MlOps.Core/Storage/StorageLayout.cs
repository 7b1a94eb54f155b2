using System.Text.RegularExpressions;

namespace MlOps.Core.Storage;

/// <summary>The containers and tables of DESIGN.md §4, with the configured prefix applied.</summary>
public sealed partial class StorageLayout
{
    public StorageLayout(string prefix = "")
    {
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException($"Storage prefix '{prefix}' must be at most 20 lowercase letters or digits.", nameof(prefix));
        }

        Prefix = prefix;
    }

    public string Prefix { get; }

    // Containers
    public string Datasets => Prefix + "datasets";

    public string Prepared => Prefix + "prepared";

    public string Models => Prefix + "models";

    public string Predictions => Prefix + "predictions";

    public string Feedback => Prefix + "feedback";

    public string Scoring => Prefix + "scoring";

    public string Scored => Prefix + "scored";

    public string Reports => Prefix + "reports";

    // Tables (table names may not contain '-', and must start with a letter)
    public string Specs => Table("Specs");

    public string DatasetVersions => Table("DatasetVersions");

    public string Runs => Table("Runs");

    public string RunSteps => Table("RunSteps");

    public string Candidates => Table("Candidates");

    public string ModelVersions => Table("ModelVersions");

    public string Aliases => Table("Aliases");

    public string Promotions => Table("Promotions");

    public string DriftReports => Table("DriftReports");

    public string CostLedger => Table("CostLedger");

    public string CostReports => Table("CostReports");

    public string Alerts => Table("Alerts");

    public string MonitorState => Table("MonitorState");

    public IReadOnlyList<string> AllContainers => [Datasets, Prepared, Models, Predictions, Feedback, Scoring, Scored, Reports];

    public IReadOnlyList<string> AllTables => [Specs, DatasetVersions, Runs, RunSteps, Candidates, ModelVersions, Aliases, Promotions, DriftReports, CostLedger, CostReports, Alerts, MonitorState];

    private string Table(string name) => Prefix.Length == 0 ? name : "t" + Prefix + name;

    [GeneratedRegex("^[a-z0-9]{0,20}$")]
    private static partial Regex PrefixPattern();
}
