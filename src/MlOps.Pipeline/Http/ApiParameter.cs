namespace MlOps.Pipeline.Http;

/// <summary>A query parameter of a route, for the API description.</summary>
/// <param name="Name">As the client writes it.</param>
/// <param name="Type">The JSON Schema type: string, integer, number or boolean.</param>
/// <param name="Description">What it does.</param>
/// <param name="Required">Whether the route refuses a request without it.</param>
public sealed record ApiParameter(string Name, string Type, string Description, bool Required = false);
