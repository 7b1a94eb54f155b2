namespace MlOps.Host.Cli;

/// <summary>Reads the files commands take as input; "-" is standard input. A missing file is a usage error, not a crash.</summary>
public static class CliFiles
{
    public static async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "-")
        {
            return await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliException.Usage($"no file '{path}'", "check the path (relative paths start in the current directory)");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw CliException.Usage($"cannot read '{path}': {ex.Message}", "check the file's permissions");
        }
    }
}
