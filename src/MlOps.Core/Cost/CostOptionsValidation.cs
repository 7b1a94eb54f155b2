using Microsoft.Extensions.Options;

namespace MlOps.Core.Cost;

/// <summary>Fails start-up on a price sheet setting that cannot apply, naming its configuration key.</summary>
internal sealed class CostOptionsValidation : IValidateOptions<CostOptions>
{
    public ValidateOptionsResult Validate(string? name, CostOptions options)
    {
        IReadOnlyList<string> problems = options.PriceSheet.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
