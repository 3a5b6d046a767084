using System.Net;
using System.Text.RegularExpressions;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Ctl;
using Mailroom.Edge.Host.Installer;
using Mailroom.Edge.Host.Tests.Cli;
using Mailroom.Edge.Host.Tests.Installer;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Ctl;

/// <summary>
/// <c>mailroomctl installer enable|disable</c>, the signed way to turn a device's installer's page on from afar, run as
/// a process against the real agent and mosquitto: the code it prints opens the page, the result carries the fingerprint
/// of the device's certificate, the code itself is never on the device (not in its outbox, not in its window file), and
/// disable turns the page off.
/// </summary>
public sealed partial class InstallerCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new("mailroomctl-installer");

    [Fact]
    public async Task Enable_prints_a_code_that_opens_the_page_which_the_device_never_holds_and_disable_turns_it_off()
    {
        var key = _folder.File("ops-1.key");
        Assert.Equal(CtlExitCodes.Accepted, await CtlCommandLine.Create().Parse(["keygen", "--name", "ops-1", "--out", key]).InvokeAsync());
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await MailroomCtlTests.StartTrustingAsync(broker, key, configure: o => o.Installer.Bind = "127.0.0.1:0");
        var common = MailroomCtlTests.Common(broker, key);

        var enable = await EdgeProcess.RunCtlAsync(["installer", "enable", .. common, "--for", "1h"]);
        Assert.True(enable.ExitCode == CtlExitCodes.Accepted, enable.Stdout + enable.Stderr);
        await InstallerPageEndToEndTests.InstallerEventAsync(agent, "enabled");
        var code = SetupCode().Match(enable.Stdout).Groups[1].Value;
        using var browser = InstallerPageEndToEndTests.Browser(agent);
        var token = InstallerPageEndToEndTests.TokenField().Match(await browser.GetStringAsync("/")).Groups[1].Value;
        var set = await browser.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["code"] = code, ["installer"] = "Ines", ["password"] = "correct horse battery",
        }));
        var fingerprint = InstallerCertificate.Fingerprint(InstallerCertificate.LoadOrCreate(agent.Options, TimeProvider.System));
        // The window file and every database (the outbox with the command's result and events, the command ledger).
        var onDevice = string.Concat(Directory.GetFiles(agent.Options.DataDirectory)
            .Where(f => f.EndsWith(InstallerWindowFile.FileName, StringComparison.Ordinal) || f.Contains(".db", StringComparison.Ordinal))
            .Select(Contents));

        var disable = await EdgeProcess.RunCtlAsync(["installer", "disable", .. common]);
        var disabled = await InstallerPageEndToEndTests.InstallerEventAsync(agent, "disabled");

        Assert.Matches("^[A-Z2-9]{12}$", code);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains($"\"fingerprint\": \"{fingerprint}\"", enable.Stdout, StringComparison.Ordinal);
        Assert.Contains("installer's page on until", enable.Stdout, StringComparison.Ordinal);
        // What was read holds the window's hash and the command's result, and not the code.
        Assert.Contains("setup_code_hash", onDevice, StringComparison.Ordinal);
        Assert.Contains("page on until", onDevice, StringComparison.Ordinal);
        Assert.DoesNotContain(code, onDevice, StringComparison.Ordinal);
        Assert.Equal(CtlExitCodes.Accepted, disable.ExitCode);
        Assert.Equal("the window closed or expired", disabled.Detail);
    }

    private static string Contents(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var text = new StreamReader(file, System.Text.Encoding.Latin1);
        return text.ReadToEnd();
    }

    [GeneratedRegex("setup code: ([A-Z0-9]+)")]
    private static partial Regex SetupCode();

    public void Dispose() => _folder.Dispose();
}
