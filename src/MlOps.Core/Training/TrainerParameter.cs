namespace MlOps.Core.Training;

/// <summary>A hyperparameter a trainer exposes: its camelCase name, the value used when a candidate leaves it out, and its valid range.</summary>
public sealed record TrainerParameter(string Name, double Default, double Minimum, double Maximum, bool IsInteger = false)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the trainer and parameter when a value cannot be used.</summary>
    public void Check(string trainer, double value)
    {
        if (!double.IsFinite(value) || value < Minimum || value > Maximum || (IsInteger && value != Math.Floor(value)))
        {
            string kind = IsInteger ? "a whole number" : "a number";
            throw new ArgumentException(FormattableString.Invariant(
                $"Parameter '{Name}' of trainer '{trainer}' must be {kind} between {Minimum} and {Maximum}, got {value}."));
        }
    }
}
