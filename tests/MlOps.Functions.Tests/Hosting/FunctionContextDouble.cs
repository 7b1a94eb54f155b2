using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace MlOps.Functions.Tests.Hosting;

/// <summary>
/// The <see cref="FunctionContext"/> a function gets when it asks for one: its name, invocation id, the app's services
/// and an empty binding context. Of the function's definition only its name is known here (not the host's view of its bindings).
/// </summary>
public sealed class FunctionContextDouble : FunctionContext
{
    public FunctionContextDouble(string functionName, IServiceProvider services, CancellationToken cancellationToken)
    {
        FunctionId = functionName;
        InstanceServices = services;
        CancellationToken = cancellationToken;
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId { get; }

    public override TraceContext TraceContext { get; } = new Trace();

    public override BindingContext BindingContext { get; } = new Bindings();

    public override RetryContext RetryContext => throw new NotSupportedException("No retry context outside the Functions host.");

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition => new Definition(FunctionId);

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("No invocation features outside the Functions host.");

    public override CancellationToken CancellationToken { get; }

    private sealed class Trace : TraceContext
    {
        public override string TraceParent => string.Empty;

        public override string TraceState => string.Empty;
    }

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(Definition).Assembly.Location;

        public override string EntryPoint => name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class Bindings : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?>();
    }
}
