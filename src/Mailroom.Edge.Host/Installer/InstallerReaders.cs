using System.Text.Json;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Health;

namespace Mailroom.Edge.Host.Installer;

/// <summary>One reader's presentation as the Readers view lists it.</summary>
public sealed record ReaderFrameRow(string Reader, ReaderFrameRecord Frame);

/// <summary>
/// The Readers view: each reader's last presentations as they arrive (from its <see cref="ReaderDiagnostics"/>: bits,
/// bit count, bit intervals, the format that matched with facility and number, or the problem; a keypad's keys
/// masked), and each reader's counters and state exactly as <c>{root}/health</c> reports them (the Wiegand counters,
/// OSDP's Secure Channel state and traffic, NFC's chip state), written by the health contributors themselves.
/// </summary>
public sealed class InstallerReaders(EdgeOptions options, ReaderDiagnosticsRegistry diagnostics, IEnumerable<IHealthContributor> health)
{
    /// <summary>How many presentations the view shows, newest first.</summary>
    public const int Shown = 20;

    private readonly IReadOnlyList<IHealthContributor> _counters =
        [.. health.Where(c => c is ReaderHealthContributor or OsdpHealthContributor or NfcHealthContributor)];

    public IReadOnlyList<(string Name, string Kind, string Door)> Readers() =>
        [.. options.Readers.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value.Kind.ToString(), r.Value.Door))];

    public IReadOnlyList<ReaderFrameRow> RecentFrames() =>
        [.. diagnostics.All.SelectMany(r => r.Value.RecentFrames().Select(f => new ReaderFrameRow(r.Key.Value, f)))
            .OrderByDescending(r => r.Frame.At).ThenByDescending(r => r.Frame.Seq).Take(Shown)];

    /// <summary>The counters by section (<c>readers</c>, <c>osdp</c>, <c>nfc</c>), then by reader, as name and value.</summary>
    public IReadOnlyList<(string Section, string Reader, IReadOnlyList<(string Name, string Value)> Values)> Counters()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var contributor in _counters)
                contributor.WriteHealth(json);
            json.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        var rows = new List<(string, string, IReadOnlyList<(string, string)>)>();
        foreach (var section in document.RootElement.EnumerateObject())
        {
            if (section.Value.ValueKind != JsonValueKind.Object)
            {
                rows.Add((section.Name, "", [(section.Name, section.Value.ToString())]));
                continue;
            }
            foreach (var reader in section.Value.EnumerateObject())
                rows.Add((section.Name, reader.Name, [.. reader.Value.EnumerateObject().Select(v => (v.Name, v.Value.ToString()))]));
        }
        return rows;
    }
}
