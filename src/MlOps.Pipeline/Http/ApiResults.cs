using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MlOps.Core.Serialization;

namespace MlOps.Pipeline.Http;

/// <summary>The result shapes every handler uses: JSON in the product's settings, and problem details that say what is wrong.</summary>
internal static class ApiResults
{
    public static IResult Json(object? value) => Results.Json(value, JsonDefaults.Options);

    public static IResult BadRequest(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static IResult NotFound(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string title, string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title);

    /// <summary>The body as <typeparamref name="T"/>, or default when it is empty or not valid JSON for it.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, JsonDefaults.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
