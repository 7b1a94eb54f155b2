namespace MlOps.Core.Specs;

/// <summary>
/// A dataset upload's name inside the datasets container: "{model}/{file}", where file may have folders.
/// Rejects traversal, control characters and names outside a model folder.
/// </summary>
public sealed record DatasetBlobName(string Model, string File)
{
    public const int MaxLength = 1024;

    public string FullName => $"{Model}/{File}";

    public const string SpecFileName = "pipeline.json";

    /// <summary>A pipeline spec (pipeline.json in any folder of the model); it configures the runs of the data beside it and starts none itself.</summary>
    /// <summary>The folder where monitors put retraining data; the monitor starts those runs itself, upload triggers leave them alone.</summary>
    public const string RetrainFolder = "_retrain";

    public bool IsRetrainData => File.StartsWith(RetrainFolder + "/", StringComparison.Ordinal);

    public bool IsSpec => File.Split('/')[^1].Equals(SpecFileName, StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string? blobName, out DatasetBlobName? result, out string error)
    {
        result = null;
        if (string.IsNullOrEmpty(blobName))
        {
            error = "the blob name is empty";
            return false;
        }

        if (blobName.Length > MaxLength)
        {
            error = $"the blob name is longer than {MaxLength} characters";
            return false;
        }

        if (blobName.Any(char.IsControl))
        {
            error = "the blob name contains control characters";
            return false;
        }

        string[] parts = blobName.Split('/');
        if (parts.Any(p => p is "" or "." or ".." || p.Contains('\\', StringComparison.Ordinal)))
        {
            error = $"'{blobName}' has an empty, '.', '..' or backslash path segment";
            return false;
        }

        if (parts.Length < 2)
        {
            error = $"'{blobName}' is not inside a model folder: upload to datasets/{{model}}/{{file}}";
            return false;
        }

        if (!ModelName.IsValid(parts[0]))
        {
            error = $"'{parts[0]}' is not a valid model name (2-63 lowercase letters, digits and single hyphens)";
            return false;
        }

        result = new DatasetBlobName(parts[0], string.Join('/', parts[1..]));
        error = string.Empty;
        return true;
    }
}
