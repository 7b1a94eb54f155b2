namespace MlOps.Testing;

public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError);
