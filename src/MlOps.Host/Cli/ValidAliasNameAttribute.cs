using MlOps.Core.Registry;

namespace MlOps.Host.Cli;

/// <summary>Refuses an alias option that the product's alias rule refuses, before anything is sent.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidAliasNameAttribute : IdentifierRuleAttribute
{
    protected override bool IsValid(string value) => AliasName.IsValid(value);

    protected override string Problem(string value) => AliasName.Problem(value);
}
