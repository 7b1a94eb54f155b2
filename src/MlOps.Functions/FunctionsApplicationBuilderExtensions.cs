using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace MlOps.Functions;

public static class FunctionsApplicationBuilderExtensions
{
    /// <summary>
    /// Everything Program.cs does to the builder the Functions worker created: ASP.NET Core HTTP integration and the
    /// app's services. Tests build the app through this same method.
    /// </summary>
    public static FunctionsApplicationBuilder ConfigureMlOpsFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddMlOpsFunctions(builder.Configuration);
        return builder;
    }
}
