using System.Reflection;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>
/// Every key docs/configuration.md documents (the first column of its key tables) is refused, with its path in the
/// message, when it holds the wrong type, a value outside its documented or implied range, or (when required) nothing.
/// </summary>
public sealed partial class DocumentedKeysTests : IDisposable
{
    private readonly SampleSite _site = new();

    /// <summary>What "…:Key" in the inputs table stands for.</summary>
    private static readonly string[] InputPrefixes = ["Doors:{name}:Dps", "Doors:{name}:Rex", "Doors:{name}:Tamper", "AuxInputs:{name}:Input"];

    /// <summary>Values just outside each range the documentation states (its meaning column), as JSON.</summary>
    private static readonly Dictionary<string, string[]> OutOfRange = new()
    {
        ["Outbox:MaxRows"] = ["999"],
        ["Outbox:MaxBytes"] = ["1048575"],
        ["Outbox:ReplayMaxBytes"] = ["268435457"],
        ["Mqtt:KeepAlive"] = ["\"00:00:04\"", "\"18:00:01\""],
        ["Mqtt:ReconnectJitter"] = ["1.5", "\"NaN\""],
        ["Mqtt:RepublishAfter"] = ["\"00:00:00.999\""],
        ["Mqtt:HealthInterval"] = ["\"00:00:00.5\""],
        ["Outbox:OverflowReportInterval"] = ["\"01:00:01\""],
        ["Gpio:EventBufferSize"] = ["15", "1025"],
        ["Gpio:Expanders:{name}:Bus"] = ["256"],
        ["Gpio:Expanders:{name}:Address"] = ["\"0x28\"", "\"0x80\""],
        ["Doors:{name}:GrantTime"] = ["\"00:00:00.09\"", "\"00:05:01\""],
        ["Doors:{name}:ExtendedGrantTime"] = ["\"00:00:04\""],
        ["Doors:{name}:MinimumPulse"] = ["\"00:00:06\""],
        ["Doors:{name}:HeldOpenWarning"] = ["\"00:00:30\""],
        ["Doors:{name}:Mode"] = ["\"Lockdown\""],
        ["…:Debounce"] = ["\"01:11:35\""],
        ["Readers:{name}:PinMaxDigits"] = ["3", "17"],
        ["Schedules:{name}:Windows"] = ["[ { \"Days\": [ \"Funday\" ], \"From\": \"08:00\", \"To\": \"18:00\" } ]", "[ { \"Days\": [ \"Mon\" ], \"From\": \"25:00\", \"To\": \"18:00\" } ]"],
        ["Interlocks:{name}"] = ["[ \"front\" ]"],
        ["Credentials:PinIndexKey"] = ["\"c2hvcnQ=\""],
        ["Credentials:MaxAge"] = ["\"00:00:59\""],
        ["Credentials:SnapshotTimeout"] = ["\"00:00:09\"", "\"1.00:00:01\""],
        ["Credentials:SyncMemoryBytes"] = ["262143", "268435457"],
        ["Video:AckTimeout"] = ["\"00:00:09\"", "\"1.00:00:01\""],
        ["Cameras:{name}:Evidence:Categories"] = ["[ \"Delivery\" ]", "[ \"\" ]", "[ \"abcdefghijklmnopqrstuvwxyz0123456\" ]"],
        ["Video:HeldQuotaWarningShare"] = ["0", "1.01", "\"NaN\""],
        ["Commands:MaxPayloadBytes"] = ["511", "262145"],
    };

    [Fact]
    public void Every_documented_key_refuses_a_wrong_type_an_out_of_range_value_and_absence_naming_itself()
    {
        Assert.Equal(0, SampleSite.Check(_site.Write(_site.Config())).ExitCode);
        var rows = DocumentedRows().ToList();
        Assert.True(rows.Count > 80, $"only {rows.Count} documented keys found");
        var failures = new List<string>();
        foreach (var row in rows)
        {
            if (RangeIsDocumented().IsMatch(row.Meaning) && !OutOfRange.ContainsKey(row.Documented))
                failures.Add($"{row.Documented}: documents a range ('{row.Meaning}') but this test has no out-of-range value for it");
            var values = OutOfRange.GetValueOrDefault(row.Documented, []);
            foreach (var key in row.Keys)
            {
                if (Resolve(key) is not { } type)
                {
                    failures.Add($"{key}: documented, but not a property of the options");
                    continue;
                }
                foreach (var (what, value) in WrongTypes(type).Concat(values.Select(v => ("out of range", (JsonNode?)JsonNode.Parse(v)))))
                    Expect(failures, key, $"{what} {value?.ToJsonString() ?? "(removed)"}", value);
                if (row.Required)
                    Expect(failures, key, "missing", null, remove: true);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} case(s) not refused by key:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private void Expect(List<string> failures, string key, string what, JsonNode? value, bool remove = false)
    {
        var path = Concrete(key);
        var config = _site.Config();
        SampleSite.Set(config, path, value, remove);
        CheckResult result;
        try
        {
            result = SampleSite.Check(_site.Write(config));
        }
        catch (Exception e)
        {
            failures.Add($"{path} = {what}: {e.GetType().Name}: {e.Message}");
            return;
        }
        if (result.ExitCode != 2 || !result.Stderr.Contains(path, StringComparison.Ordinal))
            failures.Add($"{path} = {what}: exit {result.ExitCode}, {FirstLines(result.ExitCode == 0 ? result.Stdout : result.Stderr)}");
    }

    /// <summary>Mutations by the kind of property: anything else where a value belongs, a value where a section or list
    /// belongs, text that is no value of a typed scalar, and the implied ranges (no negative durations or counts, no
    /// enum by number).</summary>
    private static IEnumerable<(string, JsonNode?)> WrongTypes(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (!IsScalar(t))
        {
            yield return ("a value for a section:", JsonValue.Create("abc"));
            yield break;
        }
        yield return ("an object for a value:", new JsonObject { ["x"] = "1" });
        yield return ("an array for a value:", new JsonArray("1", "2"));
        if (t == typeof(string))
            yield break;
        yield return ("not a value of its type:", JsonValue.Create("not-a-value"));
        if (t == typeof(TimeSpan))
            yield return ("a negative duration:", JsonValue.Create("-00:00:05"));
        if (t.IsEnum || t == typeof(int) || t == typeof(long) || t == typeof(uint))
            yield return ("a negative number:", JsonValue.Create(-1));
    }

    private static bool IsScalar(Type t) => t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan);

    /// <summary>The key with each <c>{name}</c> (or <c>{pattern}</c>) replaced by the sample site's name.</summary>
    private static string Concrete(string key)
    {
        var segments = key.Split(':');
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
                segments[i] = SampleSite.Names[segments[i - 1]];
        }
        return string.Join(':', segments);
    }

    /// <summary>The CLR type the key binds to, found through the options' public properties; null when there is none.</summary>
    private static Type? Resolve(string key)
    {
        var type = typeof(EdgeOptions);
        foreach (var segment in key.Split(':'))
        {
            if (segment.StartsWith('{'))
            {
                type = type.GetGenericArguments()[^1];
                continue;
            }
            if (type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance) is not { SetMethod.IsPublic: true } property)
                return null;
            type = property.PropertyType;
        }
        return type;
    }

    private sealed record Row(string Documented, IReadOnlyList<string> Keys, bool Required, string Meaning);

    /// <summary>The rows of every "| key | default | meaning |" table. A cell may name several keys (<c>`Mqtt:Username`
    /// / `Password`</c>, <c>`…:GreenLed`, `…:RedLed`</c>): the later ones are siblings of the first.</summary>
    private static IEnumerable<Row> DocumentedRows()
    {
        var inKeyTable = false;
        foreach (var line in File.ReadLines(ShippedBrokerSite.RepositoryFile("docs/configuration.md")))
        {
            if (line.StartsWith("| key | default | meaning |", StringComparison.Ordinal))
            {
                inKeyTable = true;
                continue;
            }
            // A blank line inside a table (the Doors table has one) does not end it for this test; text or another table does.
            if ((line.Length > 0 && !line.StartsWith('|')) || line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| `", StringComparison.Ordinal))
                inKeyTable = false;
            if (!inKeyTable || !line.StartsWith("| `", StringComparison.Ordinal))
                continue;
            var cells = line.Split(" | ");
            var names = Code().Matches(cells[0]).Select(m => m.Groups[1].Value).ToList();
            var first = names[0];
            var parent = first.Contains(':', StringComparison.Ordinal) ? first[..first.LastIndexOf(':')] : "";
            var keys = new List<string> { first };
            foreach (var other in names.Skip(1))
                keys.Add(Sibling(parent, first, other.StartsWith("…:", StringComparison.Ordinal) ? other[2..] : other));
            var expanded = keys.SelectMany(k => k.StartsWith("…:", StringComparison.Ordinal) ? InputPrefixes.Select(p => p + k[1..]) : [k]).ToList();
            yield return new Row(first, expanded, cells[1].Contains("(required)", StringComparison.Ordinal), string.Join(" | ", cells.Skip(1)));
        }
    }

    /// <summary><c>Max</c> beside <c>Mqtt:ReconnectDelayMin</c> is <c>Mqtt:ReconnectDelayMax</c>; <c>Password</c>
    /// beside <c>Mqtt:Username</c> is <c>Mqtt:Password</c>.</summary>
    private static string Sibling(string parent, string first, string other)
    {
        var whole = $"{parent}:{other}";
        if (Resolve(whole) is not null)
            return whole;
        var last = first[(first.LastIndexOf(':') + 1)..];
        var stem = LastWord().Replace(last, "");
        return $"{parent}:{stem}{other}";
    }

    private static string FirstLines(string text) => string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3)).Trim();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex("[A-Z][a-z]*$")]
    private static partial Regex LastWord();

    /// <summary>A stated bound: "5 s – 18 h", "≥ 1000", "4 … 16", "10 s..1 day", "at least", "shorter than", "cannot be".</summary>
    [GeneratedRegex(@"[0-9`] ?(–|…|\.\.) ?[0-9`]|≥|≤|at least|at most|shorter than|cannot be configured")]
    private static partial Regex RangeIsDocumented();

    public void Dispose() => _site.Dispose();
}
