using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>
/// Seeded mutations of a valid site file through <c>config check</c>'s own entry point: each ends ok (exit 0) or
/// refused (exit 2) with every problem line naming a key or the file, never an exception.
/// </summary>
public sealed class ConfigurationFuzzTests : IDisposable
{
    private const int Seed = 16;
    private const int Mutations = 300;
    private const string Surrogate = "@@SURROGATE@@";

    private readonly SampleSite _site = new();

    private static readonly HashSet<string> TopLevelKeys = typeof(EdgeOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Every_mutation_is_accepted_or_refused_naming_a_key_or_the_file()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var refused = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var (description, json) = Mutate(random);
            var file = _site.Write(json);
            CheckResult result;
            try
            {
                result = SampleSite.Check(file);
            }
            catch (Exception e)
            {
                failures.Add($"#{i} {description}: unhandled {e.GetType().Name}: {e.Message}");
                continue;
            }
            if (result.ExitCode == 2)
            {
                refused++;
                var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (lines is not ["configuration error:", _, ..] || result.Stdout.Contains("configuration ok", StringComparison.Ordinal))
                    failures.Add($"#{i} {description}: refused without a problem: {result.Stderr}");
                var unnamed = lines.Skip(1).FirstOrDefault(l => !NamesKeyOrFile(l, file));
                if (unnamed is not null)
                    failures.Add($"#{i} {description}: names no key or file: {unnamed}");
            }
            else if (result.ExitCode != 0)
            {
                failures.Add($"#{i} {description}: exit {result.ExitCode}: {result.Stderr}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Mutations} mutations (seed {Seed}) went wrong:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(40))}");
        Assert.InRange(refused, Mutations / 2, Mutations);
    }

    /// <summary>A problem line starts with the file, or with a key path and ": " where the path is a setting of the
    /// options (its first segment) or a key the file holds (an unknown one).</summary>
    private static bool NamesKeyOrFile(string line, string file)
    {
        if (line.StartsWith(file + ": ", StringComparison.Ordinal))
            return true;
        var end = line.IndexOf(": ", StringComparison.Ordinal);
        if (end <= 0)
            return false;
        var path = line[..end];
        return TopLevelKeys.Contains(path.Split(':')[0])
            || new ConfigurationBuilder().AddJsonFile(file).Build().GetSection(path).Exists();
    }

    private (string Description, string Json) Mutate(Random random)
    {
        var config = _site.Config();
        var nodes = Descendants(config).ToList();
        var (path, node) = nodes[random.Next(nodes.Count)];
        var kind = random.Next(11);
        string description;
        switch (kind)
        {
            case 0:
                Remove(node);
                description = $"delete {path}";
                break;
            case 1:
                Replace(node, node is JsonValue ? new JsonObject { ["x"] = 1 } : JsonValue.Create(random.Next(2) == 0 ? "abc" : "0"));
                description = $"{(node is JsonValue ? "object for value" : "scalar for section")} at {path}";
                break;
            case 2:
                Replace(node, new JsonArray(JsonValue.Create("1"), JsonValue.Create(2)));
                description = $"array at {path}";
                break;
            case 3:
                JsonNode?[] swaps = [JsonValue.Create(7), JsonValue.Create("text"), JsonValue.Create(true), null, JsonValue.Create(1.5), new JsonObject(), new JsonArray()];
                var swap = swaps[random.Next(swaps.Length)];
                Replace(node, swap);
                description = $"{swap?.ToJsonString() ?? "null"} at {path}";
                break;
            case 4:
                Replace(node, Negative(node));
                description = $"negative at {path}";
                break;
            case 5:
                Replace(node, JsonValue.Create(random.Next(2) == 0 ? Surrogate : $"x{Surrogate}y"));
                description = $"lone surrogate at {path}";
                break;
            case 6:
                if (node.Parent is JsonObject owner)
                {
                    owner.Remove(path.Split(':')[^1]);
                    owner[path.Split(':')[^1] + "x"] = node;
                }
                description = $"misspelt key {path}";
                break;
            default:
                description = "";
                break;
        }
        var json = config.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
            .Replace(Surrogate, random.Next(2) == 0 ? "\\uD800" : "\\uDC01", StringComparison.Ordinal);
        return kind switch
        {
            7 or 8 => Truncate(random, json),
            9 => DuplicateKey(random, json),
            10 => StrayCharacter(random, json),
            _ => (description, json),
        };
    }

    private static (string, string) StrayCharacter(Random random, string json)
    {
        var at = random.Next(json.Length);
        var stray = random.Next(2) == 0 ? "," : "}";
        return ($"stray '{stray}' at {at}", json.Insert(at, stray));
    }

    private static (string, string) Truncate(Random random, string json)
    {
        var at = random.Next(json.Length);
        return ($"truncated at {at}", json[..at]);
    }

    /// <summary>Writes one "key": value line twice (the first copy with a comma), within the same object.</summary>
    private static (string, string) DuplicateKey(Random random, string json)
    {
        var lines = json.Split('\n').ToList();
        var candidates = Enumerable.Range(0, lines.Count).Where(i => lines[i].TrimStart().StartsWith('"') && lines[i].Contains("\": ", StringComparison.Ordinal)
            && !lines[i].TrimEnd().EndsWith('{') && !lines[i].TrimEnd().EndsWith('[')).ToList();
        var at = candidates[random.Next(candidates.Count)];
        lines.Insert(at, lines[at].TrimEnd().TrimEnd(',') + ",");
        return ($"duplicate key on line {at + 1}", string.Join('\n', lines));
    }

    private static JsonNode? Negative(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out var text)
        ? JsonValue.Create("-" + text)
        : node is JsonValue n && n.TryGetValue<double>(out var number) ? JsonValue.Create(-Math.Abs(number) - 1) : JsonValue.Create(-5);

    private static void Replace(JsonNode node, JsonNode? value)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = value;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = value;
                break;
        }
    }

    private static void Remove(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o.Remove(node.GetPropertyName());
                break;
            case JsonArray a:
                a.RemoveAt(node.GetElementIndex());
                break;
        }
    }

    private static IEnumerable<(string Path, JsonNode Node)> Descendants(JsonNode node, string path = "")
    {
        var children = node switch
        {
            JsonObject o => o.Select(p => (Key: p.Key, Node: p.Value)),
            JsonArray a => a.Select((n, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Node: n)),
            _ => [],
        };
        foreach (var (key, child) in children.ToList())
        {
            if (child is null)
                continue;
            var childPath = path.Length == 0 ? key : $"{path}:{key}";
            yield return (childPath, child);
            foreach (var descendant in Descendants(child, childPath))
                yield return descendant;
        }
    }

    public void Dispose() => _site.Dispose();
}
