namespace MlOps.Host.Tests.Runtime;

/// <summary>
/// Telemetry tests run alone: ActivitySource listeners and the current span are process-wide, and the other tests'
/// hosts in this process would share them, which a host deployed in a process of its own never does.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
