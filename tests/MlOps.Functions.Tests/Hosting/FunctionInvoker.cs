using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MlOps.Functions.Tests.Hosting;

/// <summary>
/// Calls [Function] methods as the worker does: an instance of the function's class from a scope of the app's
/// services per invocation (none for static functions), a <see cref="FunctionContextDouble"/> and the cancellation
/// token where asked for, every other parameter from the caller's binder. Remembers which functions ran.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<string, int> _completed = new(StringComparer.Ordinal);

    public FunctionInvoker(IServiceProvider services) => _services = services;

    /// <summary>The functions that ran to completion at least once.</summary>
    public IReadOnlyCollection<string> Completed => [.. _completed.Keys];

    /// <returns>What the function returned (a task's result), or null for a function that returns nothing.</returns>
    public async Task<object?> InvokeAsync(string function, Func<ParameterInfo, object?> bind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bind);
        MethodInfo method = FunctionCatalog.All[function];
        await using AsyncServiceScope scope = _services.CreateAsyncScope();
        object? instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, method.DeclaringType!);
        object?[] arguments = [.. method.GetParameters().Select(p =>
            p.ParameterType == typeof(FunctionContext) ? new FunctionContextDouble(function, scope.ServiceProvider, cancellationToken)
            : p.ParameterType == typeof(CancellationToken) ? cancellationToken
            : bind(p))];
        object? returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        object? result = returned;
        if (returned is Task task)
        {
            await task;
            result = ResultType(method) is null ? null : method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task);
        }

        _completed.TryAdd(function, 0);
        return result;
    }

    /// <summary>T of a function returning Task&lt;T&gt; or T; null for Task and void.</summary>
    public static Type? ResultType(MethodInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Type returns = function.ReturnType;
        return returns == typeof(void) || returns == typeof(Task) ? null
            : returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) ? returns.GetGenericArguments()[0]
            : returns;
    }

    public static Exception CannotBind(string function, ParameterInfo parameter) =>
        new NotSupportedException($"{function}: the test harness has nothing to bind to parameter '{parameter.Name}' ({parameter.ParameterType.Name}); teach it.");
}
