using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>
/// Refuses an argument or option that one of the product's identifier rules refuses, before anything is sent or
/// uploaded (a usage error naming the rule, as the API would answer 400 with it).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class IdentifierRuleAttribute : ParameterValidationAttribute
{
    protected IdentifierRuleAttribute()
        : base(string.Empty)
    {
    }

    public override ValidationResult Validate(CommandParameterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Value is not string value)
        {
            return ValidationResult.Success(); // an optional value left out
        }

        return IsValid(value) ? ValidationResult.Success() : ValidationResult.Error(Problem(value));
    }

    protected abstract bool IsValid(string value);

    protected abstract string Problem(string value);
}
