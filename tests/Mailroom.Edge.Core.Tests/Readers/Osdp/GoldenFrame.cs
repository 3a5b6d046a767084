using System.Globalization;
using System.Text.RegularExpressions;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp;

/// <summary>One frame of the captures in Vectors/golden: what the capture's decoder said about it, and its bytes.</summary>
public sealed partial record GoldenFrame(string File, bool IsReply, int Address, int Sequence, bool UseCrc, string Name,
    byte[] Data, string? SecurityType, byte[] SecurityData, byte[]? Mac, byte[] Bytes, byte[]? Plaintext)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Readers", "Osdp", "Vectors", "golden");

    public static IReadOnlyList<GoldenFrame> All() =>
        [.. Directory.GetFiles(Folder, "*.txt").Order(StringComparer.Ordinal).SelectMany(Read)];

    private static IEnumerable<GoldenFrame> Read(string path)
    {
        Match? header = null;
        byte[]? plaintext = null;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            if (Header().Match(line) is { Success: true } h)
            {
                header = h;
                plaintext = null;
                continue;
            }
            if (PlaintextLine().Match(line) is { Success: true } p)
            {
                plaintext = Convert.FromHexString(p.Groups[1].Value);
                continue;
            }
            if (header is null || FrameLine().Match(line) is not { Success: true } f)
                continue;
            var g = header.Groups;
            var scb = g["scb"].Success ? g["scb"].Value : null;
            yield return new GoldenFrame(
                Path.GetFileName(path),
                g["dir"].Value == "PD->CP",
                int.Parse(g["addr"].Value, CultureInfo.InvariantCulture),
                int.Parse(g["sqn"].Value, CultureInfo.InvariantCulture),
                g["check"].Value == "CRC",
                g["name"].Value,
                g["data"].Value == "-" ? [] : Convert.FromHexString(g["data"].Value),
                scb,
                g["scbdata"].Success ? Convert.FromHexString(g["scbdata"].Value) : [],
                g["mac"].Success ? Convert.FromHexString(g["mac"].Value) : null,
                Convert.FromHexString(f.Groups[1].Value),
                plaintext);
            header = null;
        }
    }

    public override string ToString() => $"{File}: {(IsReply ? "PD->CP" : "CP->PD")} {Name} sqn={Sequence}";

    [GeneratedRegex(@"^\S+ \S+ (?<dir>CP->PD|PD->CP) +\*? *mark=FF addr=(?<addr>\d+) sqn=(?<sqn>\d) (?<check>CRC|CKSUM) (?<name>\w+)\s+data=(?<data>-|[0-9A-F]+)(?: scb=SCS_(?<scb>\d\d)(?: (?<scbdata>[0-9A-F]+))?)?(?: mac=(?<mac>[0-9A-F]{8}))?")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s+frame=([0-9A-F]+)$")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"^\s+plaintext=([0-9A-F]*)$")]
    private static partial Regex PlaintextLine();

    /// <summary>The capture's base key (its <c># SCBK=</c> line).</summary>
    public static byte[] BaseKey(string file) =>
        Convert.FromHexString(System.IO.File.ReadLines(Path.Combine(Folder, file)).First(l => l.StartsWith("# SCBK=", StringComparison.Ordinal))[7..39]);
}
