using MlOps.Host.Cli;

// Ctrl+C cancels the command (exit 130) instead of killing the process mid-write; `serve` stops its host cleanly.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};
return await CliApp.Create().RunAsync(args, interrupted.Token);
