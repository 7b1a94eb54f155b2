using System.Collections;
using System.Globalization;
using System.Reflection;

namespace MlOps.Functions.Tests.Durable;

/// <summary>
/// Compares two object graphs member by member (records compare collections by reference, which says nothing after a
/// round trip): NaN equals NaN, doubles otherwise bit for bit, dates by instant and offset, dictionaries by key.
/// </summary>
public static class StructuralEquality
{
    public static void AssertEqual(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {Describe(expected)}, got {Describe(actual)}");
            return;
        }

        switch (expected)
        {
            case double e:
                double a = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
                Assert.True(double.IsNaN(e) ? double.IsNaN(a) : BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a), $"{path}: expected {e:R}, got {a:R}");
                return;
            case float e:
                float f = Convert.ToSingle(actual, CultureInfo.InvariantCulture);
                Assert.True(float.IsNaN(e) ? float.IsNaN(f) : BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(f), $"{path}: expected {e:R}, got {f:R}");
                return;
            case DateTimeOffset e:
                var d = (DateTimeOffset)actual;
                Assert.True(e.UtcTicks == d.UtcTicks && e.Offset == d.Offset, $"{path}: expected {e:O}, got {d:O}");
                return;
            case DateTime e:
                var t = (DateTime)actual;
                Assert.True(e.Ticks == t.Ticks && e.Kind == t.Kind, $"{path}: expected {e:O} ({e.Kind}), got {t:O} ({t.Kind})");
                return;
            case string or decimal or bool or char or TimeSpan or Guid or Enum or int or long or short or byte or uint or ulong:
                Assert.True(expected.Equals(actual), $"{path}: expected {Describe(expected)}, got {Describe(actual)}");
                return;
            case IDictionary e:
                var other = (IDictionary)actual;
                Assert.True(e.Count == other.Count, $"{path}: expected {e.Count} entries, got {other.Count}");
                foreach (DictionaryEntry entry in e)
                {
                    Assert.True(other.Contains(entry.Key), $"{path}: key {entry.Key} is missing");
                    AssertEqual(entry.Value, other[entry.Key], $"{path}[{entry.Key}]");
                }

                return;
            case IEnumerable e:
                object?[] left = [.. e.Cast<object?>()];
                object?[] right = [.. ((IEnumerable)actual).Cast<object?>()];
                Assert.True(left.Length == right.Length, $"{path}: expected {left.Length} items, got {right.Length}");
                for (int i = 0; i < left.Length; i++)
                {
                    AssertEqual(left[i], right[i], $"{path}[{i}]");
                }

                return;
        }

        foreach (PropertyInfo property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertEqual(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };
}
