using System.Collections;
using System.Reflection;

namespace MlOps.Functions.Tests.Durable;

/// <summary>
/// Builds instances of payload types by reflection, so a type someone adds is sampled without a hand-written example.
/// A full sample sets every member, with the values JSON settings disagree on: NaN and infinities, negative zero,
/// large dictionaries with awkward keys, dates with offsets and sub-millisecond ticks, text that needs escaping. A
/// sparse sample leaves every nullable member null and every collection empty.
/// </summary>
public sealed class PayloadSamples
{
    /// <summary>Entries in each sampled dictionary: far more than any real payload carries.</summary>
    public const int DictionarySize = 2_000;

    private static readonly double[] Doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.1 + 0.2, double.Epsilon, double.MaxValue, -123.456e-7];

    private readonly bool _full;
    private readonly NullabilityInfoContext _nullability = new();
    private int _next;

    private PayloadSamples(bool full) => _full = full;

    public static object Full(Type type) => new PayloadSamples(full: true).Create(type, 0, type.Name)!;

    public static object Sparse(Type type) => new PayloadSamples(full: false).Create(type, 0, type.Name)!;

    private object? Create(Type type, int depth, string path)
    {
        Type? nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            return _full ? Create(nullable, depth, path) : null;
        }

        int n = _next++;
        if (type == typeof(string))
        {
            return $"text {n}: ünïcødé \"quoted\" \\ back\nline\t😀 <tag> & {{json}}";
        }

        if (type == typeof(double))
        {
            return Doubles[n % Doubles.Length];
        }

        if (type == typeof(float))
        {
            return n % 2 == 0 ? float.NaN : float.NegativeInfinity;
        }

        if (type == typeof(decimal))
        {
            return 79_228_162_514_264.337593543950335m + n;
        }

        if (type == typeof(int))
        {
            return int.MaxValue - n;
        }

        if (type == typeof(long))
        {
            return long.MinValue + n;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTimeOffset))
        {
            // Ascending, so constructors that check start < end accept them; offsets other than UTC; sub-millisecond ticks.
            return new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.FromMinutes(330)).AddDays(n).AddTicks(1234567);
        }

        if (type == typeof(DateTime))
        {
            return new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc).AddDays(n).AddTicks(7654321);
        }

        if (type == typeof(TimeSpan))
        {
            return new TimeSpan(1, 2, 3, 4, 567).Add(TimeSpan.FromTicks(8901 + n));
        }

        if (type == typeof(Guid))
        {
            return new Guid(n, 2, 3, [4, 5, 6, 7, 8, 9, 10, 11]);
        }

        if (type.IsEnum)
        {
            Array values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1 - (n % values.Length));
        }

        if (depth > 8)
        {
            throw new NotSupportedException($"{path}: nesting deeper than 8; does {type.Name} contain itself?");
        }

        if (type.IsArray)
        {
            Type element = type.GetElementType()!;
            var array = Array.CreateInstance(element, _full ? 3 : 0);
            for (int i = 0; i < array.Length; i++)
            {
                array.SetValue(Create(element, depth + 1, $"{path}[{i}]"), i);
            }

            return array;
        }

        if (DictionaryTypes(type) is (Type key, Type value))
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
            int count = _full ? (value.IsPrimitive || value == typeof(string) ? DictionarySize : 3) : 0;
            for (int i = 0; i < count; i++)
            {
                dictionary[Key(key, i)] = Create(value, depth + 1, $"{path}[{i}]");
            }

            return dictionary;
        }

        if (ElementType(type) is Type item)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            for (int i = 0; i < (_full ? 3 : 0); i++)
            {
                list.Add(Create(item, depth + 1, $"{path}[{i}]"));
            }

            return list;
        }

        return CreateObject(type, depth, path);
    }

    private object CreateObject(Type type, int depth, string path)
    {
        if (type.IsInterface || type.IsAbstract || type == typeof(object))
        {
            throw new NotSupportedException($"{path}: {type.Name} is not a concrete type; payloads must be concrete to deserialize.");
        }

        ConstructorInfo constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new NotSupportedException($"{path}: {type.Name} has no public constructor.");
        ParameterInfo[] parameters = constructor.GetParameters();
        object instance = constructor.Invoke([.. parameters.Select(p =>
            MayBeNull(_nullability.Create(p)) ? null : Create(p.ParameterType, depth + 1, $"{path}.{p.Name}"))]);
        var set = new HashSet<string>(parameters.Select(p => p.Name!), StringComparer.OrdinalIgnoreCase);
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0 && !set.Contains(property.Name))
            {
                property.SetValue(instance, MayBeNull(_nullability.Create(property)) ? null : Create(property.PropertyType, depth + 1, $"{path}.{property.Name}"));
            }
        }

        return instance;
    }

    private static object Key(Type key, int i) =>
        key == typeof(string) ? (i % 7 == 0 ? $"k{i} \"ünï\"/{i}" : $"metric_{i}")
        : key == typeof(int) ? i - 3
        : key == typeof(long) ? (long)i << 33
        : throw new NotSupportedException($"Dictionary keys of type {key.Name}.");

    /// <summary>A sparse sample leaves a member null when its declaration allows it (nullable value and reference types alike).</summary>
    private bool MayBeNull(NullabilityInfo nullability) => !_full && nullability.WriteState == NullabilityState.Nullable;

    private static (Type Key, Type Value)? DictionaryTypes(Type type)
    {
        Type? dictionary = new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(t => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IDictionary<,>) || t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));
        return dictionary is null ? null : (dictionary.GetGenericArguments()[0], dictionary.GetGenericArguments()[1]);
    }

    private static Type? ElementType(Type type) =>
        new[] { type }.Concat(type.GetInterfaces())
            .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
