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

        return ModelName.IsValid(name) ? ValidationResult.Success() : ValidationResult.Error(ModelName.Problem(name));
    }
}
