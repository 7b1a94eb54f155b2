using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MlOps.Functions.Http;

namespace MlOps.Functions;

public static class FunctionsApplicationBuilderExtensions
{
    /// <summary>
    /// Everything Program.cs does to the builder the Functions worker created: ASP.NET Core HTTP integration, problem
    /// details for an HTTP function that throws, the app's services and its telemetry export. Tests build the app
    /// through this same method.
    /// </summary>
    public static FunctionsApplicationBuilder ConfigureMlOpsFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<ApiExceptionMiddleware>();
        builder.UseMiddleware<RoleAuthorizationMiddleware>();
        builder.Services.AddMlOpsFunctions(builder.Configuration);
        builder.Services.AddMlOpsFunctionsTelemetry(builder.Configuration);
        return builder;
    }
}
