using System.Globalization;

namespace Mailroom.Edge.Host.Cli;

/// <summary>Parses <c>HOST:PORT</c>.</summary>
internal static class BrokerAddress
{
    public static bool TryParse(string text, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
            return false;
        host = text[..colon].Trim('[', ']');
        return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;
    }
}
