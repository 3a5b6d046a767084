namespace Mailroom.Edge.Core.Telemetry;

/// <summary>MQTT topic filter matching (MQTT 5 spec §4.7): <c>+</c> matches one level, a trailing <c>#</c> matches the
/// rest including the parent level; topics starting with <c>$</c> do not match a leading wildcard.</summary>
public static class MqttTopicFilter
{
    public static bool Matches(string filter, string topic)
    {
        if (topic.StartsWith('$') && (filter.StartsWith('+') || filter.StartsWith('#')))
            return false;
        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
                return true;
            if (i >= t.Length)
                return false;
            if (f[i] != "+" && !string.Equals(f[i], t[i], StringComparison.Ordinal))
                return false;
        }
        return f.Length == t.Length;
    }
}
