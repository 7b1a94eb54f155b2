using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Runs;
using MlOps.Core.Storage;
using MlOps.Host.Runtime;
using MlOps.Testing;

namespace MlOps.Host.Tests.Runtime;

/// <summary>What the runtime tests do with a running host: upload to datasets/, wait for a blob's run, call the API with the key.</summary>
internal static class RuntimeUploads
{
    /// <summary>A quick single-candidate search (LightGbm, 20 iterations): the tests judge what the pipeline does with a model, not the model.</summary>
    public const string QuickTraining = """ "training": { "trainers": [ { "name": "LightGbm", "parameters": { "numberOfIterations": 20 } } ] } """;

    public static async Task UploadAsync(LocalRuntime runtime, string blob, BinaryData content)
    {
        var storage = runtime.Services.GetRequiredService<MlOpsStorage>();
        await storage.EnsureCreatedAsync();
        await storage.Container(storage.Layout.Datasets).GetBlobClient(blob).UploadAsync(content, overwrite: true);
    }

    /// <summary>The run of <paramref name="blob"/> once it reaches <paramref name="status"/> (any terminal status when null).</summary>
    public static Task<RunRecord> WaitForRunAsync(LocalRuntime runtime, string model, string blob, RunStatus? status = null)
    {
        var runs = runtime.Services.GetRequiredService<RunStore>();
        RunRecord? run = null;
        return Eventually.ValueAsync(
            async () => (run = (await runs.ListAsync(model)).FirstOrDefault(r => r.DatasetBlob == blob)) is { } found
                && (status is null ? found.Status.IsTerminal() : found.Status == status) ? found : null,
            $"the run of {blob} to {(status is null ? "finish" : "reach " + status)}", TimeSpan.FromSeconds(120), () => $"{run?.Status} ({run?.Reason})");
    }

    public static HttpClient Client(LocalRuntime runtime)
    {
        var http = new HttpClient { BaseAddress = new Uri(runtime.ApiBaseUrl) };
        http.DefaultRequestHeaders.Add(ApiKeyProvider.HeaderName, "test-key");
        return http;
    }

    /// <summary>The breast cancer data without rows <paramref name="skip"/> (a different dataset version for each value), columns renamed as asked.</summary>
    public static BinaryData BreastCancer(int skip = 0, Func<string, string>? header = null, Func<string, string>? label = null)
    {
        string[] lines = File.ReadAllLines(TestData.BreastCancerCsv);
        string[] columns = lines[0].Split(',');
        IEnumerable<string> rows = lines.Skip(1).Where((_, i) => i >= skip).Select(line =>
        {
            string[] cells = line.Split(',');
            cells[^1] = label?.Invoke(cells[^1]) ?? cells[^1];
            return string.Join(',', cells);
        });
        return BinaryData.FromString(string.Join('\n', [string.Join(',', columns.Select(c => header?.Invoke(c) ?? c)), .. rows]) + "\n");
    }

    /// <summary>The first data row's features, as a predict request's row.</summary>
    public static Dictionary<string, double> FirstRowFeatures()
    {
        string[] lines = File.ReadLines(TestData.BreastCancerCsv).Take(2).ToArray();
        return lines[0].Split(',').Zip(lines[1].Split(',')).Where(p => p.First != "diagnosis")
            .ToDictionary(p => p.First, p => double.Parse(p.Second, CultureInfo.InvariantCulture));
    }
}
