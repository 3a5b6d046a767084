using System.Security.Cryptography;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Installer;
using Mailroom.Edge.Host.Tests.EndToEnd;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Installer;

/// <summary>
/// The installer's page in a real headless Chromium (Debian's <c>chromium</c>, driven by Playwright; nothing is
/// downloaded) on a phone-sized screen: the setup code and a password typed into the form, the Overview; the I/O view
/// following the door contact moved on the chip, live; the Readers view showing a card as it is presented; Pulse strike
/// pressed on the Doors view moving the strike line on the chip and reaching the broker as <c>installer.action</c>; the
/// Config and Assessment views; the Cameras view with the still of a real RTSP camera; a wrong password and a form
/// without its anti-forgery token refused; and nothing after the window closes. The browser trusts exactly the device's certificate (its public key pinned), as an installer
/// does by comparing the printed fingerprint. Screenshots of each view go to <c>artifacts/installer-screenshots/</c>.
/// </summary>
public sealed class InstallerPageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Code = "ABCDEFGH2345";

    [Fact]
    public async Task An_installer_sets_the_password_sees_the_overview_and_pulses_the_strike_from_a_phone_sized_browser()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, "mailroom/v1/demo/edge-1/event/system", AgentHarness.Timeout);
        string? code = null;
        await using var agent = await AgentHarness.StartAsync(broker.Port, o =>
        {
            o.Installer.Bind = "127.0.0.1:0";
            // The card shown on the Readers view makes a clip, and with it the Cameras view's still.
            o.Cameras["dock"] = new Mailroom.Edge.Host.Configuration.CameraOptions { Url = camera.Url, Doors = ["front"], Triggers = ["access.granted"] };
            o.Video.RingDirectory = Path.Combine(o.DataDirectory, "ring");
            o.Video.ClipDirectory = Path.Combine(o.DataDirectory, "clips");
            o.Video.DeliverClips = false;
            code = new InstallerWindowFile(Path.Combine(o.DataDirectory, InstallerWindowFile.FileName)).OpenNew(DateTimeOffset.UtcNow.AddHours(1));
        });
        await NextInstallerEventAsync(agent, "enabled");
        var clips = agent.Host.Services.GetRequiredService<EventDispatcher>().Subscribe();
        await RingWaiter.WaitForVideoAsync(agent.Host.Services.GetRequiredService<Mailroom.Edge.Video.VideoRecorder>().Recorder("dock"), TimeSpan.FromSeconds(1), AgentHarness.Timeout);
        var address = agent.Host.Services.GetRequiredService<InstallerPageService>().Address!;
        using var certificate = InstallerCertificate.LoadOrCreate(agent.Options, TimeProvider.System);
        var pin = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        var screenshots = Directory.CreateDirectory(Path.Combine(RepoRoot(), "artifacts", "installer-screenshots")).FullName;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in CI needs --no-sandbox; the certificate is trusted by its public key only.
            Args = ["--no-sandbox", $"--ignore-certificate-errors-spki-list={pin}"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(address.ToString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "setup.png"), FullPage = true });
        await page.FillAsync("input[name=code]", code!);
        await page.FillAsync("input[name=installer]", "Ines");
        await page.FillAsync("input[name=password]", "correct horse battery");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=Outbox backlog");

        // Logged out: a wrong password is refused; a form stripped of its anti-forgery token is refused; the right one opens.
        await page.ClickAsync("text=Log out");
        await page.FillAsync("input[name=password]", "not the password");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=wrong password");
        await page.Locator("input[name=__RequestVerificationToken]").EvaluateAsync("token => token.remove()");
        await page.FillAsync("input[name=password]", "correct horse battery");
        var forged = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/login", StringComparison.Ordinal));
        Assert.Equal(400, forged.Status);
        await page.WaitForSelectorAsync("text=This form was refused");
        await page.ClickAsync("text=Open the page again");
        await page.FillAsync("input[name=password]", "correct horse battery");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=Outbox backlog");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "overview.png"), FullPage = true });
        // I/O: the door contact moved on the chip shows live (the demo's switch is active-low: low is open).
        await page.ClickAsync("a[href='/io']");
        await page.WaitForSelectorAsync("tr[data-line='22'] >> span.logical:text-is('inactive')");
        agent.Chip.SetInputLevel(agent.Chip.ResolveLine("GPIO22"), false);
        await page.WaitForSelectorAsync("tr[data-line='22'] >> span.logical:text-is('active')");
        await page.WaitForSelectorAsync("tr[data-line='22'] >> span.electrical:text-is('low')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "io.png"), FullPage = true });
        agent.Chip.SetInputLevel(agent.Chip.ResolveLine("GPIO22"), true);
        await page.WaitForSelectorAsync("tr[data-line='22'] >> span.logical:text-is('inactive')");

        // Readers: a card shown at the reader appears with its bits, timing and decode.
        await page.ClickAsync("a[href='/readers']");
        await page.WaitForSelectorAsync("text=Nothing presented yet");
        await agent.SwipeAsync(1001);
        await page.WaitForSelectorAsync("text=H10301 facility 42 number 1001");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "readers.png"), FullPage = true });
        var granted = await agent.WaitForStrikeAsync(active: true);
        var relocked = await agent.WaitForStrikeAsync(active: false, afterNs: granted.TimestampNs);

        await page.ClickAsync("a[href='/doors']");
        await page.WaitForSelectorAsync("text=Pulse strike");
        await page.ClickAsync("text=Pulse strike");
        await page.WaitForSelectorAsync("text=pulsed the strike of front");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "doors.png"), FullPage = true });
        await page.ClickAsync("a[href='/config']");
        await page.WaitForSelectorAsync("text=configuration ok");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "config.png") });
        await page.ClickAsync("a[href='/assessment']");
        await page.WaitForSelectorAsync("text=broker_without_tls");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "assessment.png") });
        using (var clipTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            while ((await clips.ReadAsync(clipTimeout.Token)).Event is not ClipReadyEvent)
            {
            }
        }
        await page.ClickAsync("a[href='/cameras']");
        await page.WaitForFunctionAsync("() => { const still = document.querySelector('img'); return still && still.complete && still.naturalWidth > 0; }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "cameras.png"), FullPage = true });

        await agent.WaitForStrikeAsync(active: true, afterNs: relocked.TimestampNs);
        var action = await NextInstallerEventAsync(agent, "action");
        var published = await central.WaitForAsync(m => System.Text.Encoding.UTF8.GetString(m.Payload).Contains("\"installer.action\"", StringComparison.Ordinal), AgentHarness.Timeout);
        Assert.Equal("Ines", action.Installer);
        Assert.Contains("\"installer\":\"Ines\"", System.Text.Encoding.UTF8.GetString(published.Payload), StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(screenshots, "doors.png")).Length > 0);

        // After the window: the page refuses (or is already off).
        new InstallerWindowFile(Path.Combine(agent.Options.DataDirectory, InstallerWindowFile.FileName)).Close();
        try
        {
            var after = await page.GotoAsync(address.ToString());
            Assert.Equal(403, after!.Status);
            Assert.Contains("The installer window is closed", await page.ContentAsync(), StringComparison.Ordinal);
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal))
        {
            // The page was already off: refused at the door.
        }
    }

    private static async Task<InstallerEvent> NextInstallerEventAsync(AgentHarness agent, string kind)
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (true)
        {
            if ((await agent.Events.ReadAsync(timeout.Token)).Event is InstallerEvent e && e.Kind == kind)
                return e;
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Mailroom.Edge.sln")))
            dir = dir.Parent;
        return dir.FullName;
    }
}
