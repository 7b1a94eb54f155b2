using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOps.Functions.Triggers;
using MlOps.Pipeline;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddMlOpsPipeline(builder.Configuration);
builder.Services.AddSingleton<DatasetUploadStarter>();
builder.Build().Run();
