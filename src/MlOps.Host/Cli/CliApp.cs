using MlOps.Host.Runtime;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// The `mlops` command line: the local runtime, the demo, and a client of either host's HTTP API. Every error ends
/// as one line on stderr and an exit code from <see cref="CliExitCodes"/> (see <see cref="CliErrors"/>); how a
/// command prints is described on <see cref="ApiCommand{TSettings}"/>.
/// </summary>
public static class CliApp
{
    /// <param name="session">Where output goes and what the CLI reads (tests pass their own); the process's by default.</param>
    public static CommandApp Create(CliSession? session = null)
    {
        session ??= CliSession.ForProcess();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("mlops");
            config.SetApplicationVersion(CliVersion.Text);
            config.ConfigureConsole(session.Output.Console);
            config.Settings.Registrar.RegisterInstance(session);
            config.UseStrictParsing();
            config.SetExceptionHandler((exception, _) => CliErrors.Handle(exception, session.Output, session.Environment.Debug));

            config.AddCommand<DemoCommand>("demo").WithDescription("Run the whole pipeline on an embedded Azurite: upload, train, evaluate, deploy, predict.");
            config.AddCommand<ServeCommand>("serve").WithDescription("Run the local host (durable runtime, blob watcher, HTTP API) until Ctrl+C; the CLI finds it through ~/.mlops/host.json.");
            config.AddCommand<UploadCommand>("upload").WithDescription("Upload a dataset (starts a run, printed with its id; --wait follows it) or a pipeline.json to datasets/{model}/.");
            config.AddCommand<StartCommand>("start").WithDescription("Start a run on a blob already uploaded (--wait follows it).");
            config.AddCommand<RunsCommand>("runs").WithDescription("A model's runs, newest first.");
            config.AddCommand<RunCommand>("run").WithDescription("Show a run's status and steps (--wait follows it to its end).");
            config.AddCommand<ModelsCommand>("models").WithDescription("List models, or show one model's aliases and versions.");
            config.AddCommand<SpecCommand>("spec").WithDescription("Show or set a model's pipeline spec.");
            config.AddCommand<PredictCommand>("predict").WithDescription("Score JSON rows with a model's production version (or another alias or version).");
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
        });
        return app;
    }
}
