namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>The cases of issue 16 that crashed, named nothing or were accepted: each is refused with one clear line.</summary>
public sealed class ConfigurationErrorMessagesTests : IDisposable
{
    private readonly SampleSite _site = new();

    private CheckResult CheckWith(string path, string json)
    {
        var config = _site.Config();
        SampleSite.Set(config, path, System.Text.Json.Nodes.JsonNode.Parse(json));
        return SampleSite.Check(_site.Write(config));
    }

    [Theory]
    [InlineData("Doors:front:ExitIgnoreAfterGrant", "\"-5\"", "Doors:front:ExitIgnoreAfterGrant: '-5' is not a duration [d.]hh:mm:ss[.fff], e.g. 00:00:02")]
    [InlineData("Doors:front:ExitIgnoreAfterGrant", "\"-00:00:05\"", "Doors:front:ExitIgnoreAfterGrant: '-00:00:05' is negative; a duration is 00:00:00 or more, e.g. 00:00:02")]
    [InlineData("Commands:ClockSynchronised", "\"-1\"", "Commands:ClockSynchronised: '-1' is not one of Auto, Yes, No")]
    [InlineData("Mqtt", "0", "Mqtt: is a value where a section of keys belongs; write { \"Host\": …, \"Port\": …, \"ClientId\": …, … }")]
    [InlineData("Credentials", "\"abc\"", "Credentials: is a value where a section of keys belongs")]
    [InlineData("Doors:front:GrantTime", "{ \"a\": 1 }", "Doors:front:GrantTime: is a section (an object or array) where a value belongs; expected a duration [d.]hh:mm:ss[.fff], e.g. 00:00:05")]
    [InlineData("Doors:front:GrantTime", "[ \"00:00:05\" ]", "Doors:front:GrantTime: is a section (an object or array) where a value belongs")]
    [InlineData("Mqtt", "{ \"KeepAlive\": { \"a\": 1 } }", "Mqtt:KeepAlive: is a section (an object or array) where a value belongs; expected a duration [d.]hh:mm:ss[.fff], e.g. 00:00:30")]
    [InlineData("Mqtt", "{ \"Port\": [] }", "Mqtt:Port: is empty; expected a whole number, e.g. 1883")]
    [InlineData("Readers:front-in:Formats", "\"H10301\"", "Readers:front-in:Formats: is a value where a list belongs; write [ …, … ] (or [] for none)")]
    [InlineData("Doors:front:Rex", "{ }", "Doors:front:Rex:Line: is missing; Rex needs its Line (leave Rex out for none)")]
    [InlineData("Mqtt", "{ \"Hots\": \"x\" }", "Mqtt:Hots: unknown key 'Hots' (Mqtt takes Host, Port,")]
    public void A_wrong_shape_or_value_is_refused_naming_its_key_and_what_is_expected(string key, string json, string expected)
    {
        var result = CheckWith(key, json);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Theory]
    [InlineData("{ \"Site\": \"hq\",\n  \"Mqtt\": { \"Port\": 1883, }\n  \"Device\": \"d1\" }", "line 3, column 3: '\"' is invalid after a value. Expected either ',', '}', or ']'.")]
    [InlineData("{ \"Site\": \"hq\",\n  \"Mqtt\": { \"Port\": 1883,\n              \"port\": 1884 } }", "line 3, column 15: the key 'port' appears twice in one object (first at line 2)")]
    [InlineData("{ \"Site\": \"hq\",\n  \"Device\": \"d\\uD800\" }", "line 2, column 13: a string is not valid text")]
    [InlineData("{ \"Site\": \"hq\",\n  \"Device\": ", "line 2, column 13:")]
    [InlineData("[ 1 ]", "line 1, column 1: the file must hold one JSON object")]
    public void A_broken_file_is_one_line_naming_the_file_line_and_column(string json, string expected)
    {
        var file = _site.Write(json);

        var result = SampleSite.Check(file);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"configuration error:{Environment.NewLine}{file}: {expected}", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, result.Stderr.Trim().Split('\n').Length);
    }

    public void Dispose() => _site.Dispose();
}
