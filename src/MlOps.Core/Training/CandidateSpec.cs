using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MlOps.Core.Training;

/// <summary>
/// One point of the search space: a trainer and the hyperparameters set for it (the rest take the trainer's
/// defaults). Two candidates with the same trainer and values are equal and share an <see cref="Id"/>.
/// </summary>
public sealed record CandidateSpec(string Trainer, IReadOnlyDictionary<string, double> Parameters)
{
    /// <summary>A short stable hash of the trainer and its sorted parameters: the same everywhere, run after run.</summary>
    public string Id
    {
        get
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(ToString()));
            return Convert.ToHexStringLower(hash, 0, 6);
        }
    }

    public bool Equals(CandidateSpec? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>The canonical text, e.g. <c>LightGbm(learningRate=0.05, numberOfLeaves=15)</c>; parameters in ordinal order, values round-trip.</summary>
    public override string ToString()
    {
        IEnumerable<string> parameters = Parameters
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value.ToString("R", CultureInfo.InvariantCulture));
        return $"{Trainer}({string.Join(", ", parameters)})";
    }
}
