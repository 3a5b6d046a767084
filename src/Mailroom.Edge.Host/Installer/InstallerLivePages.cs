using System.Globalization;
using System.Text;
using static Mailroom.Edge.Host.Installer.InstallerPages;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The live parts of the I/O, Readers and Doors views as HTML fragments: rendered once into the page and then streamed
/// (<see cref="ServerSentEvents"/>) whenever they change, so the page shows the same thing with or without its script.
/// Every value is HTML-encoded. Times are UTC with milliseconds, so a fragment changes only when the hardware does.
/// </summary>
internal static class InstallerLivePages
{
    public static string Io(IReadOnlyList<IoLine> lines)
    {
        // Two columns, so a phone shows a line per row: what it is and where, then what it reads now.
        var html = new StringBuilder("<table class=\"live\">");
        foreach (var l in lines.Where(l => l.Function is not null))
        {
            html.Append("<tr data-line=\"").Append(l.Offset).Append("\"><td><b>").Append(E(l.Function!)).Append("</b><br><small>").Append(E(l.Line))
                .Append(" · offset ").Append(l.Offset).Append(" · ").Append(l.Direction).Append(l.ActiveLow ? " · active-low" : "")
                .Append(l.Consumer.Length == 0 ? "" : " · " + E(l.Consumer)).Append("</small></td><td><span class=\"logical\">")
                .Append(l.Logical is { } logical ? (logical ? "active" : "inactive") : "—").Append("</span> · <span class=\"electrical\">")
                .Append(l.Electrical is { } high ? (high ? "high" : "low") : "—").Append("</span><br><small>").Append(E(Change(l))).Append("</small></td></tr>");
        }
        html.Append("</table><h3>Other lines of the chip</h3><table>");
        var others = lines.Where(l => l.Function is null).ToList();
        foreach (var l in others.Where(l => l.Consumer.Length > 0))
        {
            html.Append("<tr><td>").Append(E(l.Line)).Append(" <small>offset ").Append(l.Offset).Append(" · ").Append(l.Direction).Append("</small></td><td>held by ")
                .Append(E(l.Consumer)).Append("</td></tr>");
        }
        var free = others.Where(l => l.Consumer.Length == 0).Select(l => E(l.Line)).ToList();
        html.Append("</table><p><b>Free:</b> ").Append(free.Count == 0 ? "none" : string.Join(", ", free)).Append("</p>");
        return html.ToString();
    }

    public static string Readers(IReadOnlyList<ReaderFrameRow> frames,
        IReadOnlyList<(string Section, string Reader, IReadOnlyList<(string Name, string Value)> Values)> counters)
    {
        var html = new StringBuilder("<h3>Presentations, newest first</h3>");
        if (frames.Count == 0)
            html.Append("<p>Nothing presented yet: show a card, press a key.</p>");
        html.Append("<table class=\"frames\">");
        foreach (var (reader, f) in frames)
        {
            html.Append("<tr><td>").Append(f.At.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append("<br>").Append(E(reader))
                .Append("</td><td><b>").Append(f.BitCount).Append(" bits</b> ").Append(E(f.Outcome));
            if (f.Keys)
                html.Append(" · a key (masked)");
            else if (f.Bits is { } bits)
                html.Append("<br><code>").Append(E(bits)).Append("</code>");
            html.Append("<br>").Append(E(Timing(f)));
            if (f.Decode is { } decode)
            {
                html.Append("<br>").Append(E(decode));
                if (f.Format is { } format)
                    html.Append(" · ").Append(E(format)).Append(f.Facility is { } facility ? $" facility {facility}" : "").Append(" number ").Append(f.Number);
            }
            if (f.Problem is { } problem)
                html.Append("<br><i>").Append(E(problem)).Append("</i>");
            html.Append("</td></tr>");
        }
        html.Append("</table><h3>Counters and state (as in health)</h3><table>");
        foreach (var (section, reader, values) in counters)
        {
            html.Append("<tr><th>").Append(E(reader)).Append(" <small>").Append(E(section)).Append("</small></th><td>")
                .AppendJoin(" · ", values.Select(v => $"{E(v.Name)} <b>{E(v.Value)}</b>")).Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    public static string Doors(IReadOnlyList<DoorStatus> doors)
    {
        var html = new StringBuilder("<table class=\"live doors\"><tr><th>door</th><th>state</th><th>mode</th><th>alarms</th></tr>");
        foreach (var d in doors)
        {
            html.Append("<tr data-door=\"").Append(E(d.Name)).Append("\"><td>").Append(E(d.Name)).Append("</td><td class=\"state\">").Append(E(d.State))
                .Append("</td><td>").Append(E(d.Mode)).Append("</td><td class=\"alarms\">").Append(d.Alarms.Count == 0 ? "none" : E(string.Join(", ", d.Alarms)))
                .Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string Change(IoLine line) => line.LastChange is { } at
        ? $"{line.LastEdge} at {at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} UTC ({line.Changes} change{(line.Changes == 1 ? "" : "s")})"
        : line.Logical is null ? "" : "none since the agent started";

    private static string Timing(Core.Readers.Wiegand.ReaderFrameRecord f) => !f.Timed
        ? "came whole (no pulse timing)"
        : string.Create(CultureInfo.InvariantCulture,
            $"bit intervals {f.MinIntervalNs / 1000.0:0.#}–{f.MaxIntervalNs / 1000.0:0.#} µs, frame {f.DurationNs / 1e6:0.##} ms");
}
