using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MlOps.Functions;
using MlOps.Functions.Http;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiExceptionMiddleware>();
builder.Services.AddMlOpsFunctions(builder.Configuration);
builder.Build().Run();
