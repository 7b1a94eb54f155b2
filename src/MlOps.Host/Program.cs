using MlOps.Host.Cli;

try
{
    return await CliApp.Create().RunAsync(args);
}
catch (ApiException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}
