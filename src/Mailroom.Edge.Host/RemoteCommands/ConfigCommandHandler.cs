using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Video;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary><c>config</c>: the effective configuration in <c>data</c>, with secrets (the broker password, the PIN
/// index key, credentials in camera URLs) redacted.</summary>
public sealed class ConfigCommandHandler(EdgeOptions options) : ICommandHandler
{
    public const string Redacted = "(redacted)";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public string Name => CommandNames.Config;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CommandOutcome.Accepted(data: Effective(options)));

    /// <summary>The configuration as JSON; every secret replaced by <see cref="Redacted"/> (and only if set, so an
    /// operator can still see that none is).</summary>
    public static byte[] Effective(EdgeOptions options)
    {
        var node = JsonSerializer.SerializeToNode(options, Json)!.AsObject();
        if (node["Mqtt"]?["Password"] is not null)
            node["Mqtt"]!["Password"] = Redacted;
        if (node["Credentials"]?["PinIndexKey"] is not null)
            node["Credentials"]!["PinIndexKey"] = Redacted;
        foreach (var (_, camera) in node["Cameras"]?.AsObject() ?? [])
        {
            if (camera?["Url"]?.GetValue<string>() is { } url)
                camera["Url"] = UrlRedaction.Redact(url);
        }
        return JsonSerializer.SerializeToUtf8Bytes(node, Json);
    }
}
