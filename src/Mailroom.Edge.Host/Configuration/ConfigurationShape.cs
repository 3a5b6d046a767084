using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// Checks the configuration tree against the options types, by reflection, before anything is bound: every key must
/// be a property of its section's type, a value where the property is a value (never an object or array), a section
/// where it is a section (never a value), a list with numbered entries where it is a list, and each value must parse
/// for its type (<see cref="ConfigurationValue"/>). The binder would otherwise skip a section given as a value and
/// keep the defaults, or fail with a message that names no key.
/// </summary>
internal static class ConfigurationShape
{
    // NullabilityInfoContext caches as it goes and is not thread-safe; configurations are loaded on several threads at
    // once (tests in parallel, a verb beside the agent), so each thread has its own.
    [ThreadStatic]
    private static NullabilityInfoContext? t_nullability;

    private static NullabilityInfoContext Nullability => t_nullability ??= new();

    /// <summary>Every problem as <c>Key:Path: what is wrong</c>; empty when the tree binds as meant.</summary>
    public static List<string> Check(IConfiguration configuration, Type optionsType)
    {
        var errors = new List<string>();
        CheckMembers(configuration.GetChildren(), "", optionsType, errors);
        return errors;
    }

    private static void CheckSection(IConfigurationSection section, Type type, bool nullable, object? defaultValue, List<string> errors)
    {
        var children = section.GetChildren().ToList();
        if (ConfigurationValue.IsScalar(type))
        {
            // An empty object or array ({} or []) leaves the key with no value and no children.
            if (children.Count > 0 || section.Value is null)
                errors.Add($"{section.Path}: is {(children.Count > 0 ? "a section (an object or array)" : "an empty object or array")} where a value belongs; expected {ConfigurationValue.Expected(type, defaultValue)}");
            else if (ConfigurationValue.Problem(type, nullable, section.Value, defaultValue) is { } problem)
                errors.Add($"{section.Path}: {problem}");
            return;
        }
        if (section.Value is { Length: > 0 })
        {
            errors.Add($"{section.Path}: is a value where {Describe(type)} belongs; write {Example(type)}");
            return;
        }
        // {}, [] and null all read as an empty value. For a list or a section with defaults that is "none" or "the
        // defaults"; for an optional section (a door's Dps) the binder would drop it, so a Dps written without its
        // Line would silently become no Dps.
        if (string.IsNullOrEmpty(section.Value) && children.Count == 0 && nullable)
        {
            var required = Properties(type).Values.Where(p => p.IsDefined(typeof(RequiredAttribute))).Select(p => p.Name).ToList();
            if (required.Count == 0)
                errors.Add($"{section.Path}: is empty; write {Example(type)}, or leave {section.Key} out for none");
            foreach (var name in required)
                errors.Add($"{section.Path}:{name}: is missing; {section.Key} needs its {name} (leave {section.Key} out for none)");
            return;
        }
        if (DictionaryValueType(type) is { } valueType)
        {
            foreach (var child in children)
                CheckSection(child, valueType, nullable: false, defaultValue: null, errors);
        }
        else if (ListElementType(type) is { } elementType)
        {
            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                    errors.Add($"{child.Path}: '{child.Key}' is not a list index; {section.Key} is a list, written {Example(type)}");
                else
                    CheckSection(child, elementType, nullable: false, defaultValue: null, errors);
            }
        }
        else
        {
            CheckMembers(children, section.Path, type, errors);
        }
    }

    private static void CheckMembers(IEnumerable<IConfigurationSection> children, string path, Type type, List<string> errors)
    {
        var properties = Properties(type);
        // A fresh instance holds the defaults, which make the best examples in messages.
        var defaults = type.GetConstructor(Type.EmptyTypes)?.Invoke(null);
        foreach (var child in children)
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                var where = path.Length == 0 ? "the top level" : path;
                errors.Add($"{child.Path}: unknown key '{child.Key}' ({where} takes {string.Join(", ", properties.Values.Select(p => p.Name))})");
                continue;
            }
            var nullable = Nullability.Create(property).WriteState == NullabilityState.Nullable;
            CheckSection(child, property.PropertyType, nullable, defaults is null ? null : property.GetValue(defaults), errors);
        }
    }

    /// <summary>The properties the binder sets: public, instance, with a public setter; keys match case-insensitively.</summary>
    private static Dictionary<string, PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } d && d.GetGenericArguments()[0] == typeof(string) ? d.GetGenericArguments()[1] : null;

    private static Type? ListElementType(Type type) =>
        type.IsArray ? type.GetElementType() : GenericInterface(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    private static string Describe(Type type) =>
        DictionaryValueType(type) is not null ? "a section of named entries" : ListElementType(type) is not null ? "a list" : "a section of keys";

    private static string Example(Type type) =>
        Shape(type) + (DictionaryValueType(type) is not null ? " (or {} for none)" : ListElementType(type) is not null ? " (or [] for none)" : "");

    /// <summary>A one-line JSON shape of a type: its first keys for a section, a placeholder for a value.</summary>
    private static string Shape(Type type)
    {
        if (ConfigurationValue.IsScalar(type))
            return "…";
        if (DictionaryValueType(type) is { } valueType)
            return $"{{ \"name\": {Shape(valueType)} }}";
        if (ListElementType(type) is { } elementType)
            return $"[ {Shape(elementType)}, … ]";
        var names = Properties(type).Values.Select(p => p.Name).ToList();
        return $"{{ {string.Join(", ", names.Take(3).Select(n => $"\"{n}\": …"))}{(names.Count > 3 ? ", …" : "")} }}";
    }
}
