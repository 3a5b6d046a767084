using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mailroom.Edge.Host.Installer;
using Mailroom.Edge.Host.Tests.EndToEnd;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Installer;

/// <summary>
/// The live views over real TLS from the real agent on the simulated chip: the door contact moved on the chip shows on
/// the I/O view's stream with its logical and electrical value, the door's forced-open alarm on the Doors stream, and a
/// card on the Readers stream with its bits, timing and decode. A stream is refused without a session, and ends when the
/// window closes.
/// </summary>
public sealed partial class InstallerLiveViewTests
{
    [Fact]
    public async Task A_door_contact_and_a_card_appear_on_the_live_streams_and_a_stream_needs_a_session()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await InstallerPageEndToEndTests.StartWithWindowAsync(broker.Port, DateTimeOffset.UtcNow.AddHours(1));
        await InstallerPageEndToEndTests.InstallerEventAsync(agent, "enabled");
        using var stranger = InstallerPageEndToEndTests.Browser(agent);
        using var browser = await InstallerPageEndToEndTests.LoggedInAsync(agent);
        var dps = agent.Chip.ResolveLine("GPIO22").Value;

        var page = await browser.GetStringAsync("/io");
        // Everything a phone loads for the live views: a few hundred kilobytes at most, nothing from elsewhere.
        var weight = page.Length + (await browser.GetStringAsync("/readers")).Length + (await browser.GetStringAsync("/doors")).Length
            + (await browser.GetStringAsync("/app.css")).Length + (await browser.GetStringAsync("/app.js")).Length;
        var refused = await stranger.GetAsync("/live/io", HttpCompletionOption.ResponseHeadersRead);
        await using var io = await LiveStream.OpenAsync(browser, "/live/io");
        await using var doors = await LiveStream.OpenAsync(browser, "/live/doors");
        await using var readers = await LiveStream.OpenAsync(browser, "/live/readers");
        var closed = Row(await io.NextAsync(f => Row(f, dps) is not null), dps)!;

        // The demo's position switch is active-low: the pin pulled low is an open door.
        agent.Chip.SetInputLevel(agent.Chip.ResolveLine("GPIO22"), false);
        var open = Row(await io.NextAsync(f => Row(f, dps)?.Contains("class=\"logical\">active<", StringComparison.Ordinal) == true), dps)!;
        var forced = await doors.NextAsync(f => f.Contains("forced_open", StringComparison.Ordinal));
        await agent.SwipeAsync(1001);
        var frame = await readers.NextAsync(f => f.Contains("number 1001", StringComparison.Ordinal));
        // Closing the window ends the streams still open: a session is checked against the window on every tick.
        new InstallerWindowFile(Path.Combine(agent.Options.DataDirectory, InstallerWindowFile.FileName)).Close();
        await InstallerPageEndToEndTests.InstallerEventAsync(agent, "disabled");
        await io.EndAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.InRange(weight, 1, 300_000);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page);
        Assert.Contains("Doors:front:Dps:Line", page, StringComparison.Ordinal);
        Assert.Contains("Other lines of the chip", page, StringComparison.Ordinal);
        Assert.Contains("class=\"logical\">inactive</span> · <span class=\"electrical\">high<", closed, StringComparison.Ordinal);
        Assert.Contains("class=\"electrical\">low<", open, StringComparison.Ordinal);
        Assert.Contains("to active at", open, StringComparison.Ordinal);
        Assert.Contains("mailroom-edge:door-inputs", open, StringComparison.Ordinal);
        Assert.Matches("<td>front</td><td class=\"state\">forced_open</td><td>[a-z_]+</td><td class=\"alarms\">forced_open", forced);
        Assert.Contains("26 bits</b> complete", frame, StringComparison.Ordinal);
        Assert.Contains("ok · H10301 facility 42 number 1001", frame, StringComparison.Ordinal);
        Assert.Matches("bit intervals [0-9.]+(–|&#8211;)[0-9.]+ (µ|&#181;)s, frame [0-9.]+ ms", frame);
        Assert.Contains("frames_ok <b>1</b>", frame, StringComparison.Ordinal);
    }

    /// <summary>The row of the I/O table for one line, or null.</summary>
    private static string? Row(string fragment, uint offset) =>
        RowOf().Matches(fragment).Select(m => m.Value).FirstOrDefault(r => r.StartsWith($"<tr data-line=\"{offset}\">", StringComparison.Ordinal));

    [GeneratedRegex("<tr data-line=\"[0-9]+\">.*?</tr>")]
    private static partial Regex RowOf();

    /// <summary>A server-sent event stream read as a browser's EventSource does: each event's data lines joined.</summary>
    private sealed class LiveStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private LiveStream(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

        public static async Task<LiveStream> OpenAsync(HttpClient browser, string path)
        {
            var response = await browser.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new LiveStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
        }

        /// <summary>The next event whose data satisfies <paramref name="wanted"/>.</summary>
        public async Task<string> NextAsync(Func<string, bool> wanted)
        {
            using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
            var data = new StringBuilder();
            while (await _reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(data.Length == 0 ? "" : "\n").Append(line["data: ".Length..]);
                    continue;
                }
                if (line.Length == 0 && data.Length > 0)
                {
                    var text = data.ToString();
                    data.Clear();
                    if (wanted(text))
                        return text;
                }
            }
            throw new InvalidOperationException("the stream ended");
        }

        /// <summary>Reads until the server ends the stream (or the connection breaks).</summary>
        public async Task EndAsync()
        {
            using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
            try
            {
                while (await _reader.ReadLineAsync(timeout.Token) is not null)
                {
                }
            }
            catch (IOException)
            {
                // The connection closed under the read: ended too.
            }
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
