namespace MlOps.Core.Specs;

/// <summary>
/// A dataset upload's name inside the datasets container: "{folder}/{file}", where the folder names the model as the
/// user wrote it (<see cref="ModelName"/>: "Pima_Diabetes" is model "pima_diabetes") and the file may have folders.
/// Rejects traversal, control characters and names outside a model folder.
/// </summary>
/// <param name="Model">The model, in its stored (lower-case) form.</param>
/// <param name="Folder">The top folder as written in the blob name, which storage needs to find the blob.</param>
/// <param name="File">The rest of the name.</param>
public sealed record DatasetBlobName(string Model, string Folder, string File)
{
    public const int MaxLength = 1024;

    /// <summary>The blob's name as stored.</summary>
    public string FullName => $"{Folder}/{File}";

    public const string SpecFileName = "pipeline.json";

    /// <summary>The folder where monitors put retraining data; the monitor starts those runs itself, upload triggers leave them alone.</summary>
    public const string RetrainFolder = "_retrain";

    public bool IsRetrainData => File.StartsWith(RetrainFolder + "/", StringComparison.Ordinal);

    /// <summary>A pipeline spec (pipeline.json in any folder of the model); it configures the runs of the data beside it and starts none itself.</summary>
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

        if (!ModelName.TryNormalize(parts[0], out string? model))
        {
            error = $"the folder {ModelName.Problem(parts[0]).TrimEnd('.')}";
            return false;
        }

        result = new DatasetBlobName(model, parts[0], string.Join('/', parts[1..]));
        error = string.Empty;
        return true;
    }
}
