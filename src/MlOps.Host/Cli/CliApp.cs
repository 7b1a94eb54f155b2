using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>The `mlops` command line: the local runtime, the demo, and a client of either host's HTTP API.</summary>
public static class CliApp
{
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("mlops");
            config.AddCommand<DemoCommand>("demo").WithDescription("Run the whole pipeline on an embedded Azurite: upload, train, evaluate, deploy, predict.");
            config.AddCommand<ServeCommand>("serve").WithDescription("Run the local host (durable runtime, blob watcher, HTTP API) until Ctrl+C.");
            config.AddCommand<UploadCommand>("upload").WithDescription("Upload a dataset or pipeline.json to datasets/{model}/ (starts a run).");
            config.AddCommand<StartCommand>("start").WithDescription("Start a run on an uploaded blob over HTTP.");
            config.AddCommand<RunCommand>("run").WithDescription("Show a run's status and steps (--wait follows it).");
            config.AddCommand<ModelsCommand>("models").WithDescription("List models, or show one model's aliases and versions.");
            config.AddCommand<SpecCommand>("spec").WithDescription("Show or set a model's pipeline spec.");
            config.AddCommand<PredictCommand>("predict").WithDescription("Score JSON rows with a model's production version.");
            config.AddCommand<CompareCommand>("compare").WithDescription("Compare two versions of a model: metrics, deltas, parameters.");
            config.AddCommand<PromoteCommand>("promote").WithDescription("Point an alias (production by default) at a version.");
            config.AddCommand<RollbackCommand>("rollback").WithDescription("Move production back to its previous version.");
            config.AddCommand<DecideCommand>("approve").WithDescription("Approve a run that waits for approval.");
            config.AddCommand<DecideCommand>("reject").WithDescription("Reject a run that waits for approval.");
            config.AddCommand<ModelFeedCommand>("history").WithDescription("A model's promotion history.");
            config.AddCommand<ModelFeedCommand>("alerts").WithDescription("A model's alerts: drift, decay, failed runs, rejected data.");
            config.AddCommand<MonitorCommand>("monitor").WithDescription("Run a model's drift and decay monitors now (--wait for the record).");
            config.AddCommand<ModelFeedCommand>("monitors").WithDescription("A model's monitor runs: findings, retrain run, promotion decision.");
            config.AddCommand<ModelFeedCommand>("drift").WithDescription("A model's drift reports (the PNG plot: GET /api/models/{model}/drift/{windowId}/plot).");
            config.AddCommand<ModelFeedCommand>("decay").WithDescription("A model's decay reports: live metrics per window against the test metrics.");
            config.AddCommand<CostCommand>("cost").WithDescription("What a model (or every model) cost per day and stage, and each version's training and serving cost.");
            config.AddCommand<FeedbackCommand>("feedback").WithDescription("Post late ground-truth labels for logged predictions.");
            config.AddCommand<CostMonitorCommand>("cost-monitor").WithDescription("Reconcile a day's ledger with Azure's metered and billed cost now (--day, --wait prints the report).");
            config.AddCommand<CostReportsCommand>("cost-reports").WithDescription("The cost monitor's daily reports, or one day's in full.");
            config.AddCommand<RecommendationsCommand>("recommendations").WithDescription("Ways to spend less on a model, each with its estimated monthly saving.");
            config.PropagateExceptions();
        });
        return app;
    }
}
