namespace MlOps.Core.Registry;

/// <summary>A promotion across a schema change that nobody acknowledged: refused, nothing written.</summary>
public sealed class SchemaChangeException : Exception
{
    public SchemaChangeException(string model, string alias, int from, int to, IReadOnlyList<string> differences)
        : base($"Moving '{alias}' of '{model}' from v{from} to v{to} changes the schema clients use: {string.Join("; ", differences)}. "
            + "Clients of v" + from.ToString(System.Globalization.CultureInfo.InvariantCulture) + " may fail; to promote anyway, acknowledge it with \"acknowledgeSchemaChange\": true.")
    {
        Differences = differences;
    }

    public SchemaChangeException()
    {
        Differences = [];
    }

    public SchemaChangeException(string message)
        : base(message)
    {
        Differences = [];
    }

    public SchemaChangeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Differences = [];
    }

    public IReadOnlyList<string> Differences { get; }
}
