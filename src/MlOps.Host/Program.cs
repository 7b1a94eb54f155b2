using MlOps.Host.Cli;
using Spectre.Console.Cli;

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
    config.PropagateExceptions();
});

try
{
    return await app.RunAsync(args);
}
catch (ApiException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}
