using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Core.Data.Csv;
using MlOps.Core.Data.Validation;
using MlOps.Core.Serialization;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Storage;

namespace MlOps.Core.Data;

/// <summary>
/// Ingest: checks an uploaded dataset against its model's spec and the limits, versions it by content hash, and
/// writes stratified, seeded splits plus the feature layout to the prepared container. Bad data yields a
/// rejected outcome with a reason that names the file, line and column; nothing downstream runs.
/// </summary>
public sealed class DatasetIngestor
{
    private readonly MlOpsStorage _storage;
    private readonly SpecStore _specs;
    private readonly DatasetVersionStore _datasets;
    private readonly PreparedDatasetStore _prepared;
    private readonly ModelRegistry _registry;
    private readonly IngestOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<DatasetIngestor> _logger;

    public DatasetIngestor(
        MlOpsStorage storage, SpecStore specs, DatasetVersionStore datasets, PreparedDatasetStore prepared, ModelRegistry registry,
        IOptions<IngestOptions> options, TimeProvider clock, ILogger<DatasetIngestor> logger)
    {
        _storage = storage;
        _specs = specs;
        _datasets = datasets;
        _prepared = prepared;
        _registry = registry;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    public Task<IngestOutcome> IngestAsync(string model, string blobName, CancellationToken cancellationToken = default) =>
        IngestAsync(model, blobName, progress: null, cancellationToken);

    public Task<IngestOutcome> IngestAsync(string model, string blobName, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        IngestAsync(model, blobName, force: false, progress, cancellationToken);

    /// <param name="force">Prepare the data even when this content was already trained with this spec (a deliberate retrain).</param>
    /// <param name="progress">Told how far the download (bytes) and the first pass over the data (bytes and rows) have got.</param>
    public async Task<IngestOutcome> IngestAsync(string model, string blobName, bool force, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (!DatasetBlobName.TryParse(blobName, out DatasetBlobName? name, out string nameError))
        {
            return IngestOutcome.Rejected($"Rejected: {nameError}");
        }

        if (name!.Model != model)
        {
            return IngestOutcome.Rejected($"Rejected: '{blobName}' belongs to model '{name.Model}', not '{model}'");
        }

        if (!IsCsv(name.File) && !IsParquet(name.File))
        {
            return IngestOutcome.Rejected($"Rejected: '{blobName}' is not a CSV or Parquet file (expected a .csv or .parquet name)");
        }

        BlobClient blob = _storage.Container(_storage.Layout.Datasets).GetBlobClient(blobName);
        BlobProperties properties;
        try
        {
            properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return IngestOutcome.Rejected($"Rejected: '{blobName}' does not exist in the {_storage.Layout.Datasets} container");
        }

        if (properties.ContentLength == 0)
        {
            return IngestOutcome.Rejected($"Rejected: data validation: '{blobName}' is empty (0 bytes)");
        }

        if (properties.ContentLength > _options.MaxFileBytes)
        {
            return IngestOutcome.Rejected(Invariant($"Rejected: data validation: '{blobName}' is {properties.ContentLength} bytes, over the limit of {_options.MaxFileBytes} (Ingest:MaxFileBytes)"));
        }

        (SpecVersionRecord? spec, string? specProblem) = await ResolveSpecAsync(name, cancellationToken).ConfigureAwait(false);
        if (spec is null)
        {
            return IngestOutcome.Rejected($"Rejected: {specProblem}");
        }

        string local = Path.Combine(Path.GetTempPath(), "mlops-ingest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(local);
        try
        {
            string dataPath = Path.Combine(local, IsParquet(name.File) ? "data.parquet" : "data.csv");
            string sha = await DownloadHashingAsync(blob, dataPath, properties.ContentLength, progress, cancellationToken).ConfigureAwait(false);
            ModelVersionRecord? trained = force ? null : await _registry.FindByDatasetAsync(model, sha, spec.Version, cancellationToken).ConfigureAwait(false);
            if (trained is not null)
            {
                await _datasets.RecordAsync(new DatasetVersionRecord { Model = model, Sha256 = sha, SizeBytes = properties.ContentLength, CreatedAt = _clock.GetUtcNow() }, blobName, cancellationToken).ConfigureAwait(false);
                return new IngestOutcome
                {
                    Accepted = true, Unchanged = true, DatasetVersion = sha, SpecVersion = spec.Version,
                    Reason = $"Skipped: unchanged (this content with spec v{spec.Version} was already trained as version {trained.Version})",
                };
            }

            return await PrepareAsync(name, dataPath, sha, properties.ContentLength, spec, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    private async Task<IngestOutcome> PrepareAsync(
        DatasetBlobName name, string dataPath, string sha, long size, SpecVersionRecord spec, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        string source = $"{_storage.Layout.Datasets}/{name.FullName}";
        var csv = new CsvReaderOptions { MaxColumns = _options.MaxColumns, MaxRows = _options.MaxRows, MaxLineBytes = _options.MaxLineBytes };
        PreparedLocally local = await LocalDatasetPreparer.PrepareAsync(dataPath, source, spec.Spec, csv, Path.GetDirectoryName(dataPath)!, progress, cancellationToken).ConfigureAwait(false);
        ValidationReport report = local.Report with { DatasetVersion = sha, SpecVersion = spec.Version };
        string reportPath = await SaveReportAsync(name.Model, sha, spec.Version, report, cancellationToken).ConfigureAwait(false);
        List<string> warnings = [.. report.Findings.Where(f => f.Severity == ValidationSeverity.Warning).Select(f => f.Message)];
        if (!report.Passed)
        {
            return IngestOutcome.Rejected(report.Summary(), spec.Version, sha) with { ValidationReport = reportPath, ValidationErrors = report.Errors, Warnings = warnings };
        }

        string prefix = PreparedDatasetStore.PrefixFor(name.Model, sha, spec.Version);
        if (!await _prepared.ExistsAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            await Task.WhenAll(local.SplitFiles.Select(path => _prepared.UploadAsync(prefix, Path.GetFileName(path), path, cancellationToken))).ConfigureAwait(false);
            foreach (string path in local.SplitFiles)
            {
                _prepared.RememberLocal(prefix, Path.GetFileName(path), path);
            }

            await _prepared.SaveProfileAsync(prefix, local.Profile!, cancellationToken).ConfigureAwait(false);

            // Written last: its presence marks the folder complete.
            await _prepared.SaveLayoutAsync(prefix, local.Layout!, cancellationToken).ConfigureAwait(false);
        }

        await _datasets.RecordAsync(new DatasetVersionRecord
        {
            Model = name.Model, Sha256 = sha, SizeBytes = size, Rows = local.Profile!.RowCount, Columns = [.. local.Profile.Columns.Select(c => c.Name)],
            CreatedAt = _clock.GetUtcNow(), Profile = $"{prefix}/{PreparedDatasetStore.ProfileFile}",
        }, name.FullName, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation(
            "Ingested {Blob}: {Rows} rows, {Numeric} numeric and {Categorical} categorical features, {Warnings} warnings, version {Sha}; "
            + "first pass {FirstPassSeconds:F2} s, then profile passes {ProfileSeconds:F2} s beside the split pass {SplitSeconds:F2} s",
            name.FullName, local.Profile.RowCount, local.Layout!.NumericFeatures.Count, local.Layout.CategoricalFeatures.Count, warnings.Count, sha,
            local.Phases.FirstPass.TotalSeconds, local.Phases.ProfileRest.TotalSeconds, local.Phases.Splits.TotalSeconds);
        return new IngestOutcome
        {
            Accepted = true, DatasetVersion = sha, SpecVersion = spec.Version, PreparedPrefix = prefix, Rows = report.LabelledRows,
            ValidationReport = reportPath, Warnings = warnings,
        };
    }

    private async Task<string> SaveReportAsync(string model, string sha, int specVersion, ValidationReport report, CancellationToken cancellationToken)
    {
        string path = Invariant($"{model}/validation/{sha}/spec{specVersion}.json");
        await _storage.Container(_storage.Layout.Reports).GetBlobClient(path)
            .UploadAsync(BinaryData.FromString(JsonDefaults.Serialize(report)), overwrite: true, cancellationToken).ConfigureAwait(false);
        return path;
    }

    private static bool IsCsv(string file) => file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static bool IsParquet(string file) => file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The spec beside the data (pipeline.json in the same folder) wins and is stored as a new version when it changed; else the model's latest.</summary>
    private async Task<(SpecVersionRecord? Spec, string? Problem)> ResolveSpecAsync(DatasetBlobName name, CancellationToken cancellationToken)
    {
        int slash = name.FullName.LastIndexOf('/');
        string specBlobName = name.FullName[..(slash + 1)] + DatasetBlobName.SpecFileName;
        BlobClient specBlob = _storage.Container(_storage.Layout.Datasets).GetBlobClient(specBlobName);
        try
        {
            // Checked before reading: a spec over the limit is refused by name, never downloaded whole.
            long size = (await specBlob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength;
            if (size > PipelineSpecSerializer.MaxBytes)
            {
                return (null, Invariant($"{_storage.Layout.Datasets}/{specBlobName} is {size} bytes, over the limit of {PipelineSpecSerializer.MaxBytes} bytes for a pipeline spec"));
            }

            BlobDownloadResult content = await specBlob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            PipelineSpec spec = PipelineSpecSerializer.Parse(content.Content.ToString());
            return (await _specs.SaveAsync(name.Model, spec, specBlobName, cancellationToken).ConfigureAwait(false), null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            SpecVersionRecord? latest = await _specs.GetLatestAsync(name.Model, cancellationToken).ConfigureAwait(false);
            return latest is null
                ? (null, $"model '{name.Model}' has no pipeline spec: upload {_storage.Layout.Datasets}/{name.Folder}/{DatasetBlobName.SpecFileName} or PUT /api/models/{name.Model}/spec")
                : (latest, null);
        }
        catch (PipelineSpecException ex)
        {
            return (null, $"{_storage.Layout.Datasets}/{specBlobName}: {ex.Message}");
        }
    }

    private static async Task<string> DownloadHashingAsync(BlobClient blob, string path, long size, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (FileStream file = new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            using BlobDownloadStreamingResult download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                int read;
                long done = 0;
                while ((read = await download.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    done += read;
                    progress?.Report(new StepProgress("download", done, size, 0));
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
