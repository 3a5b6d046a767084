using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Installer;
using Mailroom.Edge.Host.Tests.EndToEnd;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Installer;

/// <summary>
/// The installer's page served by the real agent over real TLS: off without a window; with one, the setup code sets a
/// password, a session cookie with the safe flags opens the overview, a form without its anti-forgery token, a wrong
/// code and a wrong password are refused (and recorded), repeated failures lock the page, and a closed window refuses
/// every request. The client trusts exactly the certificate whose fingerprint the device printed.
/// </summary>
public sealed partial class InstallerPageEndToEndTests
{
    private const string Code = "ABCDEFGH2345";
    private const string Password = "correct horse battery";
    private static readonly string PinIndexKey = Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());

    internal static async Task<AgentHarness> StartWithWindowAsync(int brokerPort, DateTimeOffset until, Action<Mailroom.Edge.Host.Configuration.EdgeOptions>? configure = null)
    {
        AgentHarness? agent = null;
        agent = await AgentHarness.StartAsync(brokerPort, o =>
        {
            configure?.Invoke(o);
            o.Installer.Bind = "127.0.0.1:0";
            o.Credentials.PinIndexKey = PinIndexKey;
            new InstallerWindowFile(Path.Combine(o.DataDirectory, InstallerWindowFile.FileName)).Write(new InstallerWindow(until, PinHash.Hash(Code, 1000)));
        });
        return agent;
    }

    internal static async Task<InstallerEvent> InstallerEventAsync(AgentHarness agent, string kind)
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (true)
        {
            if ((await agent.Events.ReadAsync(timeout.Token)).Event is InstallerEvent e && e.Kind == kind)
                return e;
        }
    }

    internal static HttpClient Browser(AgentHarness agent, CookieContainer? cookies = null)
    {
        var expected = InstallerCertificate.Fingerprint(InstallerCertificate.LoadOrCreate(agent.Options, TimeProvider.System));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 c && InstallerCertificate.Fingerprint(c) == expected },
        };
        return new HttpClient(handler) { BaseAddress = agent.Host.Services.GetRequiredService<InstallerPageService>().Address, Timeout = AgentHarness.Timeout };
    }

    /// <summary>A browser that has set the password with the setup code, and so holds a session.</summary>
    internal static async Task<HttpClient> LoggedInAsync(AgentHarness agent)
    {
        var browser = Browser(agent);
        var set = await browser.PostAsync("/setup", Form(("__RequestVerificationToken", await TokenAsync(browser)), ("code", Code), ("installer", "Ines"), ("password", Password)));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        return browser;
    }

    private static async Task<string> TokenAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/");
        return TokenField().Match(page).Groups[1].Value;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [Fact]
    public async Task The_setup_code_sets_a_password_that_opens_the_overview_with_a_safe_session_cookie()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartWithWindowAsync(broker.Port, DateTimeOffset.UtcNow.AddHours(1));
        await InstallerEventAsync(agent, "enabled");
        using var browser = Browser(agent);

        var token = await TokenAsync(browser);
        var missingToken = await browser.PostAsync("/setup", Form(("code", Code), ("installer", "Ines"), ("password", Password)));
        var wrongCode = await browser.PostAsync("/setup", Form(("__RequestVerificationToken", token), ("code", "WRONGCODE234"), ("installer", "Ines"), ("password", Password)));
        var failed = await InstallerEventAsync(agent, "login_failed");
        var set = await browser.PostAsync("/setup", Form(("__RequestVerificationToken", await TokenAsync(browser)), ("code", Code), ("installer", "Ines"), ("password", Password)));
        var passwordSet = await InstallerEventAsync(agent, "password_set");
        var overview = await browser.GetStringAsync("/");
        var config = await browser.GetStringAsync("/config");
        var assessment = await browser.GetStringAsync("/assessment");
        var cameras = await browser.GetStringAsync("/cameras");

        Assert.Equal(HttpStatusCode.BadRequest, missingToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(("wrong setup code", "127.0.0.1"), (failed.Detail, failed.Remote));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var cookie = set.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-mailroom-installer=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Equal("Ines", passwordSet.Installer);
        Assert.Contains("Outbox backlog", overview, StringComparison.Ordinal);
        Assert.Contains("logged in as Ines", overview, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, overview, StringComparison.Ordinal);
        Assert.Contains("configuration ok: site demo, device edge-1", config, StringComparison.Ordinal);
        Assert.Contains("&quot;PinIndexKey&quot;: &quot;(redacted)&quot;", config, StringComparison.Ordinal);
        Assert.DoesNotContain(PinIndexKey, config, StringComparison.Ordinal);
        Assert.Contains("<b>broker_without_tls</b>", assessment, StringComparison.Ordinal);
        Assert.Contains("No camera is configured", cameras, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_page_and_a_closed_window_refuses_every_request()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartWithWindowAsync(broker.Port, DateTimeOffset.UtcNow.AddHours(1));
        await InstallerEventAsync(agent, "enabled");
        using (var first = Browser(agent))
            await first.PostAsync("/setup", Form(("__RequestVerificationToken", await TokenAsync(first)), ("code", Code), ("installer", "Ines"), ("password", Password)));
        using var browser = Browser(agent);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/login", Form(("__RequestVerificationToken", await TokenAsync(browser)), ("password", "guess " + i)))).StatusCode);
        var locked = await InstallerEventAsync(agent, "locked_out");
        var right = await browser.PostAsync("/login", Form(("__RequestVerificationToken", await TokenAsync(browser)), ("password", Password)));

        Assert.StartsWith("5 failed attempts", locked.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("too many failed attempts", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        new InstallerWindowFile(Path.Combine(agent.Options.DataDirectory, InstallerWindowFile.FileName)).Close();
        HttpResponseMessage? after = null;
        try
        {
            after = await browser.GetAsync("/");
        }
        catch (HttpRequestException)
        {
            // The page may already be off: a refused connection is a refusal too.
        }
        Assert.True(after is null || after.StatusCode == HttpStatusCode.Forbidden, $"a request after the window got {after?.StatusCode}");
        Assert.Equal("the window closed or expired", (await InstallerEventAsync(agent, "disabled")).Detail);
    }

    [Fact]
    public async Task Pulse_strike_moves_the_strike_line_is_recorded_with_who_and_is_refused_in_a_lockdown()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "mailroom/v1/demo/edge-1/event/system", AgentHarness.Timeout);
        await using var agent = await StartWithWindowAsync(broker.Port, DateTimeOffset.UtcNow.AddHours(1));
        await InstallerEventAsync(agent, "enabled");
        using var browser = Browser(agent);
        await browser.PostAsync("/setup", Form(("__RequestVerificationToken", await TokenAsync(browser)), ("code", Code), ("installer", "Ines"), ("password", Password)));
        var doorsPage = await browser.GetStringAsync("/doors");
        var token = TokenField().Match(doorsPage).Groups[1].Value;

        var forged = await browser.PostAsync("/doors/pulse", Form(("door", "front")));
        var pulse = await browser.PostAsync("/doors/pulse", Form(("__RequestVerificationToken", token), ("door", "front")));
        var energised = await agent.WaitForStrikeAsync(active: true);
        var action = await InstallerEventAsync(agent, "action");
        var published = await central.WaitForAsync(m => System.Text.Encoding.UTF8.GetString(m.Payload).Contains("\"installer.action\"", StringComparison.Ordinal), AgentHarness.Timeout);
        await agent.WaitForStrikeAsync(active: false, afterNs: energised.TimestampNs);

        agent.Host.Services.GetRequiredService<Mailroom.Edge.Host.Doors.DoorAssembly>().Doors.Site.SetLockdown(null, true, "test", "test");
        var refused = await browser.PostAsync("/doors/pulse", Form(("__RequestVerificationToken", token), ("door", "front")));
        var refusal = await InstallerEventAsync(agent, "action");

        Assert.Contains("<td>front</td>", doorsPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pulse.StatusCode);
        var grant = agent.Options.Doors["front"].GrantTime.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(("Ines", "127.0.0.1", $"pulsed the strike of front for {grant} s"), (action.Installer, action.Remote, action.Detail));
        Assert.Contains("\"installer\":\"Ines\"", System.Text.Encoding.UTF8.GetString(published.Payload), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("pulse of the strike of front refused: the door is in lockdown mode", refusal.Detail);
        Assert.Single(agent.StrikeChanges, c => c.Active);
    }

    [Fact]
    public async Task Play_feedback_sounds_the_readers_beeper_is_recorded_and_is_refused_in_a_lockdown()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartWithWindowAsync(broker.Port, DateTimeOffset.UtcNow.AddHours(1), o => o.Readers["front-in"].Feedback.Beeper = "GPIO12");
        await InstallerEventAsync(agent, "enabled");
        var beeper = agent.Chip.ResolveLine("GPIO12");
        var beeped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Chip.OutputChanged += change =>
        {
            if (change.Offset == beeper && change.Active)
                beeped.TrySetResult();
        };
        using var browser = Browser(agent);
        await browser.PostAsync("/setup", Form(("__RequestVerificationToken", await TokenAsync(browser)), ("code", Code), ("installer", "Ines"), ("password", Password)));
        var doorsPage = await browser.GetStringAsync("/doors");
        var token = TokenField().Match(doorsPage).Groups[1].Value;

        var played = await browser.PostAsync("/readers/feedback", Form(("__RequestVerificationToken", token), ("reader", "front-in"), ("pattern", "denied")));
        await beeped.Task.WaitAsync(AgentHarness.Timeout);
        var action = await InstallerEventAsync(agent, "action");
        var unknown = await browser.PostAsync("/readers/feedback", Form(("__RequestVerificationToken", token), ("reader", "front-in"), ("pattern", "lockdown")));
        agent.Host.Services.GetRequiredService<Mailroom.Edge.Host.Doors.DoorAssembly>().Doors.Site.SetLockdown(null, true, "test", "test");
        var refused = await browser.PostAsync("/readers/feedback", Form(("__RequestVerificationToken", token), ("reader", "front-in"), ("pattern", "granted")));

        Assert.Contains("Play granted", doorsPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal(("Ines", "played the denied pattern on reader front-in"), (action.Installer, action.Detail));
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("refused: its door is in lockdown", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_camera_view_shows_the_recorder_the_probe_and_the_latest_still_which_only_a_session_may_fetch()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartWithWindowAsync(broker.Port, DateTimeOffset.UtcNow.AddHours(1), o =>
        {
            o.Cameras["dock"] = new Mailroom.Edge.Host.Configuration.CameraOptions { Url = camera.Url, Doors = ["front"], Triggers = ["access.granted"] };
            o.Video.RingDirectory = Path.Combine(o.DataDirectory, "ring");
            o.Video.ClipDirectory = Path.Combine(o.DataDirectory, "clips");
            o.Video.DeliverClips = false;
        });
        await InstallerEventAsync(agent, "enabled");
        var video = agent.Host.Services.GetRequiredService<Mailroom.Edge.Video.VideoRecorder>();
        await RingWaiter.WaitForVideoAsync(video.Recorder("dock"), TimeSpan.FromSeconds(1), AgentHarness.Timeout);
        await agent.SwipeAsync(1001);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            while ((await agent.Events.ReadAsync(timeout.Token)).Event is not ClipReadyEvent)
            {
            }
        }
        using var stranger = Browser(agent);
        using var browser = Browser(agent);
        await browser.PostAsync("/setup", Form(("__RequestVerificationToken", await TokenAsync(browser)), ("code", Code), ("installer", "Ines"), ("password", Password)));

        var page = await browser.GetStringAsync("/cameras");
        var still = await browser.GetByteArrayAsync("/cameras/dock/latest.jpg");
        var refused = await stranger.GetAsync("/cameras/dock/latest.jpg");

        Assert.Contains("<h3>dock</h3>", page, StringComparison.Ordinal);
        Assert.Contains("/cameras/dock/latest.jpg", page, StringComparison.Ordinal);
        Assert.Equal(((byte)0xFF, (byte)0xD8, (byte)0xFF, (byte)0xD9), (still[0], still[1], still[^2], still[^1]));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task A_session_ends_when_the_agent_restarts_as_its_keys_are_kept_in_memory_only_and_never_written()
    {
        var homeKeys = new DirectoryInfo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aspnet", "DataProtection-Keys"));
        var keysBefore = KeyFiles(homeKeys);
        await using var broker = await MosquittoBroker.StartAsync();
        using var data = new TempDirectory("installer-restart");
        var cookies = new CookieContainer();
        await using (var first = await AgentHarness.StartInAsync(data.Path, broker.Port, o =>
        {
            o.Installer.Bind = "127.0.0.1:0";
            new InstallerWindowFile(Path.Combine(o.DataDirectory, InstallerWindowFile.FileName)).Write(new InstallerWindow(DateTimeOffset.UtcNow.AddHours(1), PinHash.Hash(Code, 1000)));
        }))
        {
            await InstallerEventAsync(first, "enabled");
            using var browser = Browser(first, cookies);
            await browser.PostAsync("/setup", Form(("__RequestVerificationToken", await TokenAsync(browser)), ("code", Code), ("installer", "Ines"), ("password", Password)));
            Assert.Contains("Outbox backlog", await browser.GetStringAsync("/"), StringComparison.Ordinal);
        }
        await using var second = await AgentHarness.StartInAsync(data.Path, broker.Port, o => o.Installer.Bind = "127.0.0.1:0");
        await InstallerEventAsync(second, "enabled");
        using var again = Browser(second, cookies);

        var page = await again.GetStringAsync("/");

        Assert.Contains("action=\"/login\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Outbox backlog", page, StringComparison.Ordinal);
        Assert.Empty(KeyFiles(homeKeys).Except(keysBefore));
    }

    private static IReadOnlyList<string> KeyFiles(DirectoryInfo folder) =>
        folder.Exists ? [.. folder.EnumerateFiles().Select(f => f.Name)] : [];

    [Fact]
    public async Task An_expired_window_never_turns_the_page_on()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartWithWindowAsync(broker.Port, DateTimeOffset.UtcNow.AddMinutes(-1));
        var gate = agent.Host.Services.GetRequiredService<InstallerGate>();

        var result = await gate.LogInAsync(Password, "127.0.0.1");

        Assert.Null(gate.OpenWindow());
        Assert.Contains("window is closed", result.Problem, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex TokenField();
}
