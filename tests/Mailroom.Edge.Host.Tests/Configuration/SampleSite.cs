using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>
/// A valid site file that uses every section (two doors with every input, one of them on an I/O expander, a reader with feedback, a schedule, an
/// access group, an interlock, an auxiliary input, a command key, a camera), and <c>config check</c> run on a variant
/// of it in-process, the way the CLI runs it.
/// </summary>
internal sealed class SampleSite : IDisposable
{
    private readonly TempDirectory _folder = new("mailroom-config");
    private int _files;

    /// <summary>The sample name each <c>{name}</c> of a documented key stands for, by the section it names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["Doors"] = "front", ["Readers"] = "front-in", ["Schedules"] = "office", ["AccessGroups"] = "staff",
        ["Interlocks"] = "lobby", ["AuxInputs"] = "panic", ["Keys"] = "ops", ["Cameras"] = "lobby", ["Patterns"] = "granted",
        ["Expanders"] = "relays",
    };

    public JsonObject Config()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return JsonNode.Parse($$"""
            {
              "Site": "hq", "Device": "d1", "DataDirectory": "{{_folder.Path}}",
              "Gpio": { "Chip": "simulated", "Expanders": { "relays": { "Chip": "Mcp23017", "Address": "0x20", "Interrupt": "GPIO4" } } },
              "Logs": { "Directory": "" },
              "Doors": {
                "front": { "Strike": { "Line": "GPIO17" }, "GrantTime": "00:00:05",
                           "Dps": { "Line": "GPIO5", "ActiveLow": false }, "Rex": { "Line": "GPIO6" }, "Tamper": { "Line": "GPIO13" },
                           "ModeSchedules": [ { "Schedule": "office", "Mode": "Unlocked" } ], "FacilityCodes": [ 42 ] },
                "back": { "Strike": { "Line": "relays:GPB0" }, "Dps": { "Line": "relays:GPA1" } }
              },
              "Readers": {
                "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24", "Direction": "Entry",
                              "Feedback": { "Led": "GPIO25", "Beeper": "GPIO26", "Patterns": { "granted": "green+beep:100,green:2900" } } }
              },
              "Schedules": { "office": { "TimeZone": "UTC", "Windows": [ { "Days": [ "Weekdays" ], "From": "08:00", "To": "18:00" } ], "Holidays": [ "2026-12-25" ] } },
              "AccessGroups": { "staff": { "Doors": [ "front" ], "Schedule": "office" } },
              "Interlocks": { "lobby": [ "front", "back" ] },
              "AuxInputs": { "panic": { "Input": { "Line": "GPIO12" }, "Door": "front", "Action": "Lockdown" } },
              "Commands": { "Keys": { "ops": { "PublicKey": "{{Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())}}" } } },
              "Cameras": { "lobby": { "Url": "rtsp://10.0.0.5/live", "Doors": [ "front" ] } },
              "Video": { "FfmpegPath": "{{Environment.ProcessPath}}" }
            }
            """)!.AsObject();
    }

    /// <summary>Sets (or removes) the key at a configuration path such as <c>Doors:front:GrantTime</c>, creating the
    /// sections on the way.</summary>
    public static void Set(JsonObject config, string path, JsonNode? value, bool remove = false)
    {
        var segments = path.Split(':');
        var node = config;
        foreach (var segment in segments[..^1])
        {
            if (node[segment] is not JsonObject next)
                node[segment] = next = new JsonObject();
            node = next;
        }
        if (remove)
            node.Remove(segments[^1]);
        else
            node[segments[^1]] = value;
    }

    public string Write(string json)
    {
        var path = _folder.File($"site-{_files++}.json");
        File.WriteAllText(path, json);
        return path;
    }

    public string Write(JsonNode config) => Write(config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary><c>mailroom-edge config check --config FILE</c>, in-process.</summary>
    /// <summary><c>config check</c> of the sample site with these readers set (JSON objects, by name).</summary>
    public CheckResult CheckWithReaders(params (string Name, string Json)[] readers)
    {
        var config = Config();
        foreach (var (name, json) in readers)
            Set(config, $"Readers:{name}", JsonNode.Parse(json));
        return Check(Write(config));
    }

    public static CheckResult Check(string file)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = ConfigVerb.Check(file, [], output, error);
        return new CheckResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
