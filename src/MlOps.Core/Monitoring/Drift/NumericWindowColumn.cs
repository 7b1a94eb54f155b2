using System.Globalization;
using System.Text.Json;
using MlOps.Core.Data.Profiling;

namespace MlOps.Core.Monitoring.Drift;

/// <summary>
/// The current window's side of one numeric column: a seeded uniform reservoir sample of at most
/// <see cref="SampleCap"/> values (all of them while the window has no more), plus exact counts of values, missing
/// values and type errors. Memory is the cap, however many rows stream through.
/// </summary>
public sealed class NumericWindowColumn
{
    private readonly ReservoirSampler _sample;

    internal NumericWindowColumn(string name, int sampleCap, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCap);
        Name = name;
        SampleCap = sampleCap;
        _sample = new ReservoirSampler(sampleCap, seed);
    }

    public string Name { get; }

    public int SampleCap { get; }

    /// <summary>Finite numbers seen.</summary>
    public long Count { get; private set; }

    /// <summary>Absent, null, empty or NaN values.</summary>
    public long Missing { get; private set; }

    /// <summary>Values that are not numbers: text that does not parse, booleans, objects, infinities.</summary>
    public long TypeErrors { get; private set; }

    /// <summary>True when the window had more values than the cap, so the sample is a subset.</summary>
    public bool Sampled => Count > SampleCap;

    public int SampleSize => (int)Math.Min(Count, SampleCap);

    /// <summary>Adds a value; NaN counts as missing and an infinity as a type error, as the profiler counts them.</summary>
    public void Add(double value)
    {
        if (double.IsFinite(value))
        {
            Count++;
            _sample.Add(value);
        }
        else if (double.IsNaN(value))
        {
            Missing++;
        }
        else
        {
            TypeErrors++;
        }
    }

    public void AddMissing() => Missing++;

    /// <summary>The sample, sorted ascending (a copy).</summary>
    public double[] ToSortedSample() => _sample.ToSortedArray();

    /// <summary>A logged JSON value: a number, numeric text (as serving accepts it), or null / absent for missing.</summary>
    internal void Add(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                Add(value.TryGetDouble(out double number) ? number : double.PositiveInfinity);
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                Missing++;
                break;
            case JsonValueKind.String:
                string text = value.GetString()!;
                if (string.IsNullOrWhiteSpace(text))
                {
                    Missing++;
                }
                else
                {
                    Add(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && !double.IsNaN(parsed) ? parsed : double.PositiveInfinity);
                }

                break;
            default:
                TypeErrors++;
                break;
        }
    }
}
