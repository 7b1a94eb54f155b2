using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MlOps.Bench.Benchmarks;

/// <summary>
/// Counts what one host's Durable Task worker was handed, from the worker's own debug log lines: activity requests by
/// activity name and orchestrator episodes. Each host in the process gets its own instance, so several hosts sharing a
/// task hub can say how the work split between them. It also keeps the host's first errors, so a benchmark that loses a
/// run can say why.
/// </summary>
internal sealed class WorkerLogCounter : ILoggerProvider
{
    // The worker's log events: "Received request to run orchestrator" and "Received request to run activity".
    private const int OrchestratorRequest = 10;
    private const int ActivityRequest = 13;

    // Keyed by instance and task (episodes by instance and history length), so a line the worker writes under two
    // categories (its legacy one and its own) counts once.
    private readonly ConcurrentDictionary<(string Instance, string Name, string Task), byte> _activities = new();
    private readonly ConcurrentDictionary<(string Instance, string Replayed), byte> _episodes = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public WorkerLogCounter(string host) => Host = host;

    public string Host { get; }

    public int Activities => _activities.Count;

    public int OrchestratorEpisodes => _episodes.Count;

    /// <summary>Activities handed to this host, by activity name.</summary>
    public IReadOnlyDictionary<string, int> ActivitiesByName =>
        _activities.Keys.GroupBy(k => k.Name).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The first errors the host logged (category: message).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Adds the counter to a host's logging: the worker's categories from debug level, errors from every category.</summary>
    public void AddTo(ILoggingBuilder logging) =>
        logging.AddProvider(this).AddFilter<WorkerLogCounter>("Microsoft.DurableTask", LogLevel.Debug);

    public ILogger CreateLogger(string categoryName) => new Counting(this, categoryName);

    public void Dispose()
    {
    }

    private void RecordError(string category, string message)
    {
        if (_errors.Count < 5)
        {
            _errors.Enqueue($"{category}: {message}");
        }
    }

    private void Record(EventId eventId, IReadOnlyList<KeyValuePair<string, object?>> state)
    {
        if (eventId.Id == OrchestratorRequest)
        {
            _episodes.TryAdd((Value(state, "instanceId"), Value(state, "oldEventCount")), 0);
        }
        else if (eventId.Id == ActivityRequest)
        {
            _activities.TryAdd((Value(state, "instanceId"), Value(state, "name"), Value(state, "taskId")), 0);
        }
    }

    private static string Value(IReadOnlyList<KeyValuePair<string, object?>> state, string key) =>
        state.FirstOrDefault(p => p.Key == key).Value?.ToString() ?? string.Empty;

    private sealed class Counting(WorkerLogCounter owner, string category) : ILogger
    {
        // The worker's categories (its legacy one and its own), not the sidecar's, whose event ids mean other things.
        private readonly bool _worker = category == "Microsoft.DurableTask" || category.StartsWith("Microsoft.DurableTask.Worker", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _worker || logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                owner.RecordError(category, formatter(state, exception) + (exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})"));
            }

            if (_worker && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                owner.Record(eventId, values);
            }
        }
    }
}
