using MlOps.Host.Demo;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>`mlops demo`: the whole pipeline on an embedded Azurite, start to prediction.</summary>
public sealed class DemoCommand(CliSession session) : AsyncCommand
{
    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        DemoRunner.RunAsync(session.Output.Console, new Dictionary<string, string?>(), cancellationToken);
}
