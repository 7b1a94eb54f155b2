using MlOps.Core.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlOps.Host.Cli;

/// <summary>Refuses a model argument that the product's model-name rule refuses, before anything is sent or uploaded (a usage error).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidModelNameAttribute : ParameterValidationAttribute
{
    public ValidModelNameAttribute()
        : base(string.Empty)
    {
    }

    public override ValidationResult Validate(CommandParameterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Value is not string name)
        {
            return ValidationResult.Success(); // an optional model left out
        }

        try
        {
            ModelName.Validate(name);
            return ValidationResult.Success();
        }
        catch (ArgumentException ex)
        {
            // The rule's own explanation, without the " (Parameter 'name')" the exception appends.
            string message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            return ValidationResult.Error(message);
        }
    }
}
