using MlOps.Core.Specs;

namespace MlOps.Host.Cli;

/// <summary>Refuses a model argument that the product's model-name rule refuses, before anything is sent or uploaded.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidModelNameAttribute : IdentifierRuleAttribute
{
    protected override bool IsValid(string value) => ModelName.IsValid(value);

    protected override string Problem(string value) => ModelName.Problem(value);
}
