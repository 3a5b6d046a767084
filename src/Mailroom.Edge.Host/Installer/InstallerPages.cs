using System.Net;
using System.Text;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The page's HTML, written here (no templates, no external asset: the Pi may have no internet and the page must stay a
/// few kilobytes). One small script of our own (<see cref="Script"/>) keeps the live parts current; every view works
/// without it. Every value is HTML-encoded; every form carries the anti-forgery token.
/// </summary>
internal static class InstallerPages
{
    public const string Stylesheet = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f4f5f7}
        header{background:#17324d;color:#fff;padding:.8rem 1rem}header h1{font-size:1.1rem;margin:0}
        main{padding:1rem;max-width:48rem;margin:auto}table{border-collapse:collapse;width:100%;background:#fff}
        th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #ddd;vertical-align:top;overflow-wrap:anywhere}th{width:38%;color:#444}
        form{background:#fff;padding:1rem;display:grid;gap:.6rem;max-width:24rem}input,button{font-size:1rem;padding:.5rem}
        button{background:#17324d;color:#fff;border:0;border-radius:3px}.problem{color:#a40000;font-weight:600}.message{font-weight:600}
        nav{margin-bottom:1rem}pre{background:#fff;padding:.6rem;overflow-x:auto;font-size:.8rem}
        nav form{display:inline;background:none;padding:0}td form{display:inline;background:none;padding:0}
        .logical,.live td.state{font-weight:600}.doors th,.frames td:first-child{width:auto}.frames td:first-child{white-space:nowrap}small{color:#666;font-weight:400}code{overflow-wrap:anywhere}
        """;

    /// <summary>Each element with <c>data-live</c> follows the server-sent events at that address (same origin only).</summary>
    public const string Script = """
        for (const el of document.querySelectorAll('[data-live]')) {
          const source = new EventSource(el.dataset.live);
          source.onmessage = e => { el.innerHTML = e.data; el.dataset.updated = Date.now(); };
        }
        """;

    public static string Setup(string device, string token, string? problem) => Page(device, "Set up the installer's page", $"""
        <p>Type the setup code that <code>mailroom-edge installer enable</code> printed, your name (every action is recorded
        with it) and a password of at least {InstallerGate.MinimumPasswordLength} characters for this window.</p>
        {Problem(problem)}
        <form method="post" action="/setup">
          <input type="hidden" name="__RequestVerificationToken" value="{E(token)}">
          <label>Setup code <input name="code" autocomplete="one-time-code" required></label>
          <label>Your name <input name="installer" autocomplete="name" required maxlength="64"></label>
          <label>New password <input name="password" type="password" autocomplete="new-password" required minlength="{InstallerGate.MinimumPasswordLength}"></label>
          <button type="submit">Set password</button>
        </form>
        """);

    public static string Login(string device, string token, string? problem) => Page(device, "Log in", $"""
        {Problem(problem)}
        <form method="post" action="/login">
          <input type="hidden" name="__RequestVerificationToken" value="{E(token)}">
          <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
          <button type="submit">Log in</button>
        </form>
        """);

    public static string Overview(string device, string installer, string token, IReadOnlyList<(string Label, string Value)> rows)
    {
        var table = new StringBuilder("<table>");
        foreach (var (label, value) in rows)
            table.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        table.Append("</table>");
        return Page(device, "Overview", Navigation(installer, token) + table);
    }

    public static string Doors(string device, string installer, string token, IReadOnlyList<DoorStatus> doors,
        IReadOnlyList<string> readers, IReadOnlyList<string> patterns, string? message)
    {
        var table = new StringBuilder("<div data-live=\"/live/doors\">").Append(InstallerLivePages.Doors(doors)).Append("</div>");
        table.Append("<h3>Strike test</h3><table><tr><th>door</th><th>test</th></tr>");
        foreach (var name in doors.Select(d => d.Name))
        {
            table.Append("<tr><td>").Append(E(name)).Append("</td><td>")
                .Append("<form method=\"post\" action=\"/doors/pulse\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"").Append(E(token))
                .Append("\"><input type=\"hidden\" name=\"door\" value=\"").Append(E(name)).Append("\"><button type=\"submit\">Pulse strike</button></form></td></tr>");
        }
        table.Append("</table>");
        if (readers.Count > 0)
        {
            table.Append("<h3>Reader feedback</h3><table><tr><th>reader</th><th>test</th></tr>");
            foreach (var reader in readers)
            {
                table.Append("<tr><td>").Append(E(reader)).Append("</td><td>");
                foreach (var pattern in patterns)
                {
                    table.Append("<form method=\"post\" action=\"/readers/feedback\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"").Append(E(token))
                        .Append("\"><input type=\"hidden\" name=\"reader\" value=\"").Append(E(reader)).Append("\"><input type=\"hidden\" name=\"pattern\" value=\"")
                        .Append(E(pattern)).Append("\"><button type=\"submit\">Play ").Append(E(pattern)).Append("</button></form>");
                }
                table.Append("</td></tr>");
            }
            table.Append("</table>");
        }
        return Page(device, "Doors", Navigation(installer, token) + (message is null ? "" : $"<p class=\"message\">{E(message)}</p>") + table);
    }

    public static string Io(string device, string installer, string token, IReadOnlyList<IoLine> lines) =>
        Page(device, "I/O", Navigation(installer, token) + $"""
            <p>Every configured line as the agent holds it, live. Logical is what the agent acts on; electrical is the level on
            the pin (the two differ on an active-low line).</p>
            <div data-live="/live/io">{InstallerLivePages.Io(lines)}</div>
            """);

    public static string Readers(string device, string installer, string token, IReadOnlyList<(string Name, string Kind, string Door)> readers,
        IReadOnlyList<ReaderFrameRow> frames, IReadOnlyList<(string Section, string Reader, IReadOnlyList<(string Name, string Value)> Values)> counters)
    {
        var list = new StringBuilder("<table><tr><th>reader</th><th>kind</th><th>door</th></tr>");
        foreach (var (name, kind, door) in readers)
            list.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(kind)).Append("</td><td>").Append(E(door)).Append("</td></tr>");
        list.Append("</table>");
        return Page(device, "Readers", Navigation(installer, token) + list + """
            <p>Each presentation as it arrives. A keypad's keys are never shown. Bit intervals are the times between pulse starts,
            the kernel's timestamps; pulse widths are not measured (the agent times falling edges only, which is what framing
            needs: a logic analyser on D0/D1 shows widths).</p>
            """ + $"<div data-live=\"/live/readers\">{InstallerLivePages.Readers(frames, counters)}</div>");
    }

    public static string Cameras(string device, string installer, string token, IReadOnlyList<(string Camera, string State, string Probe, bool HasStill)> cameras)
    {
        if (cameras.Count == 0)
            return Page(device, "Cameras", Navigation(installer, token) + "<p>No camera is configured (docs/video.md).</p>");
        var body = new StringBuilder();
        foreach (var (camera, state, probe, hasStill) in cameras)
        {
            body.Append("<h3>").Append(E(camera)).Append("</h3><table><tr><th>recorder</th><td>").Append(E(state)).Append("</td></tr><tr><th>probe</th><td>")
                .Append(E(probe)).Append("</td></tr></table>");
            body.Append(hasStill
                ? $"<p><img src=\"/cameras/{Uri.EscapeDataString(camera)}/latest.jpg\" alt=\"the latest still of {E(camera)}\" style=\"max-width:100%\"></p>"
                : "<p>No still yet: one is kept with each clip and evidence snapshot.</p>");
        }
        return Page(device, "Cameras", Navigation(installer, token) + body);
    }

    public static string Config(string device, string installer, string token, string check, string effective) =>
        Page(device, "Configuration", Navigation(installer, token) + $"""
            <h3>config check</h3><pre>{E(check)}</pre>
            <h3>Effective configuration (secrets redacted)</h3><pre>{E(effective)}</pre>
            """);

    public static string Assessment(string device, string installer, string token, IReadOnlyList<Assessment.Finding> findings)
    {
        var table = new StringBuilder("<table><tr><th>severity</th><th>finding</th></tr>");
        foreach (var f in findings)
        {
            table.Append("<tr><td>").Append(E(f.Severity.ToString().ToLowerInvariant())).Append("</td><td><b>").Append(E(f.Id)).Append("</b> (")
                .Append(E(f.Subject)).Append(")<br>").Append(E(f.Evidence)).Append("<br><i>fix:</i> ").Append(E(f.Fix)).Append("</td></tr>");
        }
        table.Append("</table>");
        return Page(device, "Security self-assessment", Navigation(installer, token) + $"<p>{findings.Count} finding(s).</p>" + table);
    }

    private static string Navigation(string installer, string token) => $"""
        <nav><a href="/">Overview</a> · <a href="/io">I/O</a> · <a href="/readers">Readers</a> · <a href="/doors">Doors</a> · <a href="/cameras">Cameras</a> · <a href="/config">Config</a> · <a href="/assessment">Assessment</a> · logged in as {E(installer)}
          <form method="post" action="/logout"><input type="hidden" name="__RequestVerificationToken" value="{E(token)}"><button type="submit">Log out</button></form>
        </nav>
        """;

    public static string Refused(string device) => Page(device, "This form was refused",
        "<p>It did not carry this page's anti-forgery token: an old tab, or a request from another site. <a href=\"/\">Open the page again</a> and retry.</p>");

    public static string Closed(string device) => Page(device, "The installer window is closed",
        "<p>Open one on the device with <code>mailroom-edge installer enable</code>.</p>");

    private static string Problem(string? problem) => problem is null ? "" : $"<p class=\"problem\">{E(problem)}</p>";

    private static string Page(string device, string title, string body) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{E(title)} — {E(device)}</title><link rel="stylesheet" href="/app.css"><script src="/app.js" defer></script></head>
        <body><header><h1>Mailroom Edge installer — {E(device)}</h1></header><main><h2>{E(title)}</h2>
        {body}
        </main></body></html>
        """;

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
