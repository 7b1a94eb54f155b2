using DurableTask.Core;
using DurableTask.Core.History;

namespace MlOps.Host.Runtime;

/// <summary>
/// Forwards to the Azure Storage orchestration service but makes start and stop safe to race: the gRPC sidecar
/// stops its dispatchers from an async-void shutdown handler, and the Azure Storage provider throws (taking the
/// process down) when stopped before it finished starting, or stopped twice. Stop waits for an in-flight start,
/// runs once, and lets the owner await its completion before disposing the provider.
/// It also hands the provider sub-orchestration starts it can read back: the sidecar passes their tags as a protobuf
/// MapField, which the provider writes with its .NET type name and then cannot resolve when the message is dequeued,
/// and records the start in history as its own derived event type, which the history table writes without the
/// EventType column the provider needs to read it back.
/// And it keeps the messages of running work items locked (<see cref="WorkItemLockRenewal"/>), which the sidecar's
/// dispatchers do not ask the provider to do, and says when an activity is delivered again: work a stopped host had
/// taken, now taken up here.
/// </summary>
internal sealed class GracefulOrchestrationService : IOrchestrationService
{
    private readonly IOrchestrationService _inner;
    private readonly WorkItemLockRenewal _locks;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;

    public GracefulOrchestrationService(IOrchestrationService inner, WorkItemLockRenewal locks, ILogger logger)
    {
        _inner = inner;
        _locks = locks;
        _logger = logger;
    }

    /// <summary>Completes when the service has stopped (or was never started and stop was requested).</summary>
    public Task Stopped => _stopped.Task;

    public int TaskOrchestrationDispatcherCount => _inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => _inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => _inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => _inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => _inner.MaxConcurrentTaskActivityWorkItems;

    public async Task StartAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_started && !_stopped.Task.IsCompleted)
            {
                await _inner.StartAsync().ConfigureAwait(false);
                _started = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task StopAsync() => StopAsync(isForced: false);

    public async Task StopAsync(bool isForced)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_started)
            {
                _started = false;
                await _inner.StopAsync(isForced).ConfigureAwait(false);
            }
        }
        finally
        {
            _stopped.TrySetResult();
            _gate.Release();
        }
    }

    public Task CreateAsync() => _inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => _inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => _inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => _inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => _inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        _inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => _inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => _inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskOrchestrationWorkItem workItem = await _inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            _locks.Hold(OrchestrationKey(workItem), () => _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem));
        }

        return workItem!;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await _locks.ReleaseAsync(OrchestrationKey(workItem)).ConfigureAwait(false);
        foreach (TaskMessage message in orchestratorMessages ?? [])
        {
            WithPlainTags(message);
        }

        WithPlainTags(continuedAsNewMessage);
        if (newOrchestrationRuntimeState is not null)
        {
            WithPlainEvents(newOrchestrationRuntimeState.NewEvents);
            WithPlainEvents(newOrchestrationRuntimeState.Events);
        }

        await _inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
    }

    private static void WithPlainEvents(IList<HistoryEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name, Version = created.Version, InstanceId = created.InstanceId, Input = created.Input,
                    Timestamp = created.Timestamp, IsPlayed = created.IsPlayed, ClientSpanId = created.ClientSpanId,
                };
            }
        }
    }

    private static void WithPlainTags(TaskMessage? message)
    {
        if (message?.Event is ExecutionStartedEvent { Tags: { } tags } started && tags.GetType() != typeof(Dictionary<string, string>))
        {
            started.Tags = new Dictionary<string, string>(tags);
        }
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await _locks.ReleaseAsync(OrchestrationKey(workItem)).ConfigureAwait(false);
        await _inner.AbandonTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await _locks.ReleaseAsync(OrchestrationKey(workItem)).ConfigureAwait(false);
        await _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskActivityWorkItem workItem = await _inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            _locks.Hold(ActivityKey(workItem), () => _inner.RenewTaskActivityWorkItemLockAsync(workItem));
            if (workItem.DeliveryAttempt > 1)
            {
                _logger.LogInformation(
                    "Activity {Activity} of {InstanceId} delivered again (attempt {Attempt}): a host stopped before finishing it",
                    (workItem.TaskMessage?.Event as TaskScheduledEvent)?.Name, workItem.TaskMessage?.OrchestrationInstance?.InstanceId, workItem.DeliveryAttempt);
            }
        }

        return workItem!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => _inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await _locks.ReleaseAsync(ActivityKey(workItem)).ConfigureAwait(false);
        await _inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage).ConfigureAwait(false);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await _locks.ReleaseAsync(ActivityKey(workItem)).ConfigureAwait(false);
        await _inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
    }

    private static string OrchestrationKey(TaskOrchestrationWorkItem workItem) => "orchestration:" + workItem.InstanceId;

    private static string ActivityKey(TaskActivityWorkItem workItem) => "activity:" + workItem.Id;
}
