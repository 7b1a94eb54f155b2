using System.Text.Json;
using MlOps.Host.Cli;

namespace MlOps.Host.Tests.Cli;

/// <summary>What --wait draws from a run document: ingest bytes and rows, candidates done with the best so far, the approval wait.</summary>
public sealed class RunStagesTests
{
    [Fact]
    public void From_IngestReadingTheFile_ShowsBytesAndRows()
    {
        IReadOnlyList<StageState> stages = RunStages.From(Document("running",
            """[{ "name": "ingest", "status": "running", "progress": { "phase": "parse", "bytes": 30000000, "totalBytes": 40000000, "rows": 120345 } }]"""));

        StageState ingest = stages[0];
        Assert.Equal(StageStatus.Running, ingest.Status);
        Assert.Equal("ingest: reading 30.0 of 40.0 MB, 120,345 rows", ingest.Text);
        Assert.Equal(0.875, ingest.Fraction!.Value, 3); // the download is the first half, reading the second
        Assert.Equal([StageStatus.Pending, StageStatus.Pending, StageStatus.Pending], stages.Skip(1).Select(s => s.Status));
    }

    [Fact]
    public void From_TrainingHalfDone_ShowsCandidatesAndTheBestSoFar()
    {
        IReadOnlyList<StageState> stages = RunStages.From(Document("running",
            """[{ "name": "ingest", "status": "succeeded", "durationMs": 1500, "detail": "569 rows, 0 warning(s)" }, { "name": "train", "status": "running" }]""",
            """{ "stage": "train", "candidates": { "done": 4, "total": 8, "failed": 1, "metric": "auc", "bestTrainer": "LightGbm", "bestId": "ab12", "bestValue": 0.98712 } }"""));

        Assert.Equal("ingest: succeeded (1.5 s): 569 rows, 0 warning(s)", stages[0].Text);
        Assert.Equal("train: 4 of 8 candidates (1 without a model), best LightGbm auc 0.9871", stages[1].Text);
        Assert.Equal(0.5, stages[1].Fraction);
    }

    [Fact]
    public void From_WaitingForApproval_SaysHowToAnswer()
    {
        IReadOnlyList<StageState> stages = RunStages.From(Document("waitingForApproval",
            """[{ "name": "deploy", "status": "succeeded", "durationMs": 900, "detail": "registered v3" }]""",
            """{ "stage": "approval", "version": 3, "approvalDeadline": "2030-01-02T03:04:05+00:00" }"""));

        StageState approval = stages[^1];
        Assert.Equal("approval", approval.Name);
        Assert.Equal("approval: v3 waits until 2030-01-02 03:04:05Z for `mlops approve bc.1` or `mlops reject bc.1`", approval.Text);
        Assert.Null(approval.Fraction);
    }

    [Fact]
    public void From_RejectedAtIngest_LaterStagesSkipped()
    {
        IReadOnlyList<StageState> stages = RunStages.From(Document("rejected",
            """[{ "name": "ingest", "status": "rejected", "durationMs": 200, "detail": "data validation: 3 rows, fewer than 20" }]"""));

        Assert.Equal(StageStatus.Failed, stages[0].Status);
        Assert.Equal([StageStatus.Skipped, StageStatus.Skipped, StageStatus.Skipped], stages.Skip(1).Select(s => s.Status));
        Assert.True(RunStages.IsOver("rejected"));
        Assert.False(RunStages.IsOver("waitingForApproval"));
    }

    private static JsonElement Document(string status, string steps, string customStatus = "null") =>
        JsonDocument.Parse($$"""{ "run": { "runId": "bc.1", "status": "{{status}}" }, "steps": {{steps}}, "orchestration": { "customStatus": {{customStatus}} } }""").RootElement.Clone();
}
