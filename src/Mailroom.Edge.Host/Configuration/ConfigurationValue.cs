using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// What one configuration value must look like for its options property's type, checked before binding. Stricter than
/// the binder where the binder would take a value nobody means: an enum by number (<c>-1</c>), a duration as a bare
/// number (<c>5</c> is five days), a negative duration, a number that is not finite. Every message says what was
/// expected, with an example.
/// </summary>
internal static partial class ConfigurationValue
{
    private static readonly Type[] Integers = [typeof(int), typeof(long), typeof(uint), typeof(ulong), typeof(short), typeof(ushort), typeof(byte), typeof(sbyte)];

    /// <summary>True for a type the binder converts from one string (as opposed to a section of keys or a list).</summary>
    public static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
            || (!IsCollection(t) && TypeDescriptor.GetConverter(t).CanConvertFrom(typeof(string)));
    }

    private static bool IsCollection(Type t) => t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t);

    /// <summary>What a value of <paramref name="type"/> is, with an example: the property's default when it has a
    /// telling one, else a typical value.</summary>
    public static string Expected(Type type, object? defaultValue)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var example = Example(t, defaultValue);
        if (t.IsEnum)
            return $"one of {string.Join(", ", Enum.GetNames(t))}";
        if (t == typeof(TimeSpan))
            return $"a duration [d.]hh:mm:ss[.fff], e.g. {example}";
        if (t == typeof(bool))
            return "true or false";
        if (Integers.Contains(t))
            return $"a whole number, e.g. {example}";
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
            return $"a number, e.g. {example}";
        return t == typeof(string) ? "a text value" : $"a {t.Name} value, e.g. {example}";
    }

    /// <summary>The problem with <paramref name="value"/> (the message after the key), or null when the binder will
    /// read it as meant. An empty value means "not set" and is fine where the property may be null.</summary>
    public static string? Problem(Type type, bool nullable, string value, object? defaultValue)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        nullable |= t != type;
        if (t == typeof(string))
            return null;
        var text = value.Trim();
        if (text.Length == 0)
            return nullable ? null : $"is empty; expected {Expected(type, defaultValue)}";
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        if (t.IsEnum)
            return Enum.GetNames(t).Contains(text, StringComparer.OrdinalIgnoreCase) ? null : $"'{shown}' is not {Expected(type, defaultValue)}";
        if (t == typeof(TimeSpan))
        {
            // TimeSpan.Parse reads a bare number as days: "5" would be five days, never what a config file means.
            if (!text.Contains(':', StringComparison.Ordinal) || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration))
                return $"'{shown}' is not {Expected(type, defaultValue)}";
            return duration < TimeSpan.Zero ? $"'{shown}' is negative; a duration is 00:00:00 or more, e.g. {Example(t, defaultValue)}" : null;
        }
        if (t == typeof(bool))
            return bool.TryParse(text, out _) ? null : $"'{shown}' is not {Expected(type, defaultValue)}";
        if (Integers.Contains(t))
        {
            if (!WholeNumber().IsMatch(text))
                return $"'{shown}' is not {Expected(type, defaultValue)}";
            var min = Convert.ToDecimal(t.GetField("MinValue")!.GetValue(null), CultureInfo.InvariantCulture);
            var max = Convert.ToDecimal(t.GetField("MaxValue")!.GetValue(null), CultureInfo.InvariantCulture);
            return decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                ? null
                : $"'{shown}' is outside {min}..{max}";
        }
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? null
                : $"'{shown}' is not {Expected(type, defaultValue)}";
        }
        try
        {
            TypeDescriptor.GetConverter(t).ConvertFromInvariantString(text);
            return null;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return $"'{shown}' is not {Expected(type, defaultValue)}";
        }
    }

    private static string Example(Type t, object? defaultValue) =>
        Format(defaultValue) is { Length: > 0 } d && !d.StartsWith('-') ? d : Typical(t);

    private static string Format(object? value) => value switch
    {
        null => "",
        TimeSpan d => d.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Typical(Type t) =>
        t == typeof(TimeSpan) ? "00:00:05" : t == typeof(double) || t == typeof(float) || t == typeof(decimal) ? "0.5" : "10";

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex WholeNumber();
}
