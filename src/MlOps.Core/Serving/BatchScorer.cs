using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using MlOps.Core.Cost;
using MlOps.Core.Data.Csv;
using MlOps.Core.Registry;
using MlOps.Core.Serving.Explanations;
using MlOps.Core.Specs;
using MlOps.Core.Storage;
using MlOps.Core.Telemetry;
using MlOps.Core.Training;

namespace MlOps.Core.Serving;

/// <summary>
/// Batch scoring: a CSV uploaded to scoring/{model}/… is scored by the production version into scored/{model}/…
/// (every input column plus the prediction columns and the version), streamed in chunks so files of any size take
/// bounded memory. The output is for people to open in a spreadsheet, so a cell (header, input or predicted label)
/// that would run as a formula is neutralised (<see cref="CsvFieldEscaper.EscapeForSpreadsheet"/>); rows without one
/// are copied as read. The output records the version and the source blob version, so a second trigger of the same
/// upload does nothing. An upload with the metadata <c>explain=true</c> also gets each row's explanation: the bias and
/// one <c>contribution_{column}</c> per input column, which add up to the row's raw score (binary and regression models).
/// </summary>
public sealed class BatchScorer
{
    private const int ChunkRows = 8192;

    /// <summary>The scoring upload's metadata key that asks for explanations (value <c>true</c>).</summary>
    public const string ExplainMetadata = "explain";

    /// <summary>The column before the contributions: what every row's contributions start from.</summary>
    public const string BiasColumn = "explanation_bias";

    /// <summary>Each input column's contribution is in the column of this prefix plus its name.</summary>
    public const string ContributionPrefix = "contribution_";

    private readonly MlOpsStorage _storage;
    private readonly ModelCache _models;
    private readonly ILogger<BatchScorer> _logger;
    private readonly CostMeter _cost;

    public BatchScorer(MlOpsStorage storage, ModelCache models, ILogger<BatchScorer> logger, CostMeter cost)
    {
        _cost = cost;
        _storage = storage;
        _models = models;
        _logger = logger;
    }

    /// <summary>
    /// What the triggers call: scores the file, or — when the file cannot be scored (bad name, not CSV, malformed,
    /// no production model, a missing column) — writes the reason next to where the output would be
    /// (scored/{model}/{file}.error.txt) and returns null. Nothing is lost; production is untouched.
    /// </summary>
    /// <remarks>Each file is a unit of the cost ledger (stage scoring), keyed by the file and its version so a second trigger replaces its row.</remarks>
    public Task<BatchScoringResult?> TryScoreAsync(string blobName, string versionTag, CancellationToken cancellationToken = default)
    {
        if (!DatasetBlobName.TryParse(blobName, out DatasetBlobName? name, out _))
        {
            return TryScoreUnmeteredAsync(blobName, versionTag, cancellationToken);
        }

        string key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(blobName + "|" + versionTag)))[..16];
        return _cost.MeasureAsync(new CostAttribution
        {
            Id = $"scoring|{name!.File.Replace('/', '~').Replace('#', '~').Replace('?', '~').Replace('\\', '~')}|{key}", Model = name.Model,
            Kind = CostKind.BatchScoring, Stage = CostStages.Scoring, Unit = name.File,
        }, () => TryScoreUnmeteredAsync(blobName, versionTag, cancellationToken), cancellationToken);
    }

    private async Task<BatchScoringResult?> TryScoreUnmeteredAsync(string blobName, string versionTag, CancellationToken cancellationToken)
    {
        using Activity? span = MlOpsTracing.Source.StartActivity("batch scoring");
        span?.SetTag(MlOpsTags.Model, DatasetBlobName.TryParse(blobName, out DatasetBlobName? parsed, out _) ? parsed!.Model : null);
        span?.SetTag("blob", blobName);
        try
        {
            BatchScoringResult result = await ScoreAsync(blobName, versionTag, cancellationToken).ConfigureAwait(false);
            span?.SetTag(MlOpsTags.Version, result.Version);
            span?.SetTag("rows", result.Rows);
            return result;
        }
        catch (Exception ex) when (ex is PredictionInputException or DataFormatException or ExplanationUnavailableException)
        {
            MlOpsTracing.RecordException(span, ex);
            _logger.LogWarning("Could not score {Container}/{Blob}: {Problem}", _storage.Layout.Scoring, blobName, ex.Message);
            await _storage.Container(_storage.Layout.Scored).GetBlobClient(blobName + ".error.txt")
                .UploadAsync(BinaryData.FromString(ex.Message + "\n"), overwrite: true, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <exception cref="PredictionInputException">Bad name, not a CSV, no production model, or a missing feature column; the message says which.</exception>
    public async Task<BatchScoringResult> ScoreAsync(string blobName, string versionTag, CancellationToken cancellationToken = default)
    {
        if (!DatasetBlobName.TryParse(blobName, out DatasetBlobName? name, out string error))
        {
            throw new PredictionInputException($"{_storage.Layout.Scoring}/{blobName}: {error}.");
        }

        if (!name!.File.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new PredictionInputException($"{_storage.Layout.Scoring}/{blobName} is not a CSV file (expected a .csv name).");
        }

        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        BlockBlobClient output = _storage.Container(_storage.Layout.Scored).GetBlockBlobClient(blobName);
        BlobClient input = _storage.Container(_storage.Layout.Scoring).GetBlobClient(blobName);
        BlobProperties inputProperties = await input.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        bool explain = inputProperties.Metadata.TryGetValue(ExplainMetadata, out string? explainValue) && bool.TryParse(explainValue, out bool asked) && asked;
        if (await AlreadyScoredAsync(output, versionTag, explain, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done with { Source = blobName };
        }

        LoadedModel model;
        try
        {
            model = await _models.GetByAliasAsync(name.Model, ModelRegistry.Production, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelNotFoundException ex)
        {
            throw new PredictionInputException($"{_storage.Layout.Scoring}/{blobName}: {ex.Message}");
        }

        var timer = Stopwatch.StartNew();
        string source = $"{_storage.Layout.Scoring}/{blobName}";
        long rows;
        long typeErrors;
        await using (Stream inputStream = await input.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        using (var reader = new CsvRecordReader(inputStream, source))
        {
            var packer = new CsvRowPacker(model.Version.Layout, reader.Header, source);

            // Written to a local file first: the scored blob appears whole, never half-written.
            string local = Path.Combine(Path.GetTempPath(), "mlops-scoring", Guid.NewGuid().ToString("N") + ".csv");
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            try
            {
                await using (var file = new FileStream(local, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    rows = await WriteScoredAsync(reader, packer, model, explain, file, cancellationToken).ConfigureAwait(false);
                }

                typeErrors = packer.TypeErrors;
                await _storage.Container(_storage.Layout.Scored).GetBlobClient(blobName).UploadAsync(local, new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string>
                    {
                        ["modelversion"] = model.Version.Version.ToString(CultureInfo.InvariantCulture),
                        ["modelsha256"] = model.Version.Sha256,
                        ["sourceversion"] = Encode(versionTag),
                        ["explained"] = explain ? "true" : "false",
                    },
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(local);
            }
        }

        _logger.LogInformation("Scored {Source} with {Model} v{Version}: {Rows} rows in {Seconds:F2} s ({TypeErrors} unparsable numbers read as missing)",
            source, name.Model, model.Version.Version, rows, timer.Elapsed.TotalSeconds, typeErrors);
        return new BatchScoringResult(blobName, $"{_storage.Layout.Scored}/{blobName}", name.Model, model.Version.Version, rows, typeErrors, timer.Elapsed.TotalSeconds, Skipped: false);
    }

    private static async Task<long> WriteScoredAsync(CsvRecordReader reader, CsvRowPacker packer, LoadedModel model, bool explain, Stream output, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        // Asked before anything is written: a model that cannot be explained fails the file with the reason.
        IReadOnlyList<string> explained = explain ? model.ExplainedColumns : [];
        IEnumerable<string> header = reader.Header.Concat(packer.PredictionColumns());
        if (explain)
        {
            header = header.Append(BiasColumn).Concat(explained.Select(c => ContributionPrefix + c));
        }

        await writer.WriteLineAsync(string.Join(',', header.Select(CsvFieldEscaper.EscapeForSpreadsheet))).ConfigureAwait(false);
        string version = model.Version.Version.ToString(CultureInfo.InvariantCulture);
        var chunk = new List<PackedRow>(ChunkRows);
        var raw = new List<string>(ChunkRows);
        long rows = 0;
        bool more = true;
        while (more)
        {
            chunk.Clear();
            raw.Clear();
            while (chunk.Count < ChunkRows && (more = reader.Read()))
            {
                chunk.Add(packer.Pack(reader));
                raw.Add(CsvFieldEscaper.RecordForSpreadsheet(reader));
            }

            IReadOnlyList<(double Bias, double[] Shares)>? explanations = explain ? model.ExplainAll(chunk) : null;
            int i = 0;
            foreach (Prediction prediction in model.PredictBatch(chunk))
            {
                await writer.WriteAsync(raw[i]).ConfigureAwait(false);
                string columns = Columns(prediction, model.Version.Layout, version);
                await writer.WriteLineAsync(explanations is null ? columns : columns + Contributions(explanations[i])).ConfigureAwait(false);
                i++;
            }

            rows += chunk.Count;
            cancellationToken.ThrowIfCancellationRequested();
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private static string Columns(Prediction prediction, FeatureLayout layout, string version)
    {
        var line = new StringBuilder();
        if (layout.Task == ModelTask.Regression)
        {
            line.Append(',').Append(prediction.Score.ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            line.Append(',').Append(CsvFieldEscaper.EscapeForSpreadsheet(prediction.Label ?? string.Empty));
            if (layout.Task == ModelTask.Binary)
            {
                line.Append(',').Append(prediction.Score.ToString("R", CultureInfo.InvariantCulture))
                    .Append(',').Append((prediction.Probability ?? double.NaN).ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                foreach (string c in layout.Classes)
                {
                    line.Append(',').Append(prediction.Probabilities!.GetValueOrDefault(c).ToString("R", CultureInfo.InvariantCulture));
                }
            }
        }

        return line.Append(',').Append(version).ToString();
    }

    private static string Contributions((double Bias, double[] Shares) explanation)
    {
        var line = new StringBuilder();
        line.Append(',').Append(explanation.Bias.ToString("R", CultureInfo.InvariantCulture));
        foreach (double share in explanation.Shares)
        {
            line.Append(',').Append(share.ToString("R", CultureInfo.InvariantCulture));
        }

        return line.ToString();
    }

    private static async Task<BatchScoringResult?> AlreadyScoredAsync(BlockBlobClient output, string versionTag, bool explain, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties existing = await output.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            // The same upload asked again with explanations (or without) is scored again.
            bool sameExplain = (existing.Metadata.TryGetValue("explained", out string? explained) && explained == "true") == explain;
            return sameExplain && existing.Metadata.TryGetValue("sourceversion", out string? scored) && scored == Encode(versionTag)
                ? new BatchScoringResult(string.Empty, output.Uri.AbsolutePath, string.Empty, int.Parse(existing.Metadata["modelversion"], CultureInfo.InvariantCulture), 0, 0, 0, Skipped: true)
                : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    // Metadata values must be ASCII without a few characters; the version tag (md5:hex or etag:"...") is made safe.
    private static string Encode(string versionTag) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(versionTag));
}
