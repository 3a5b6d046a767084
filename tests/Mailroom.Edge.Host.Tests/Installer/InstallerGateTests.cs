using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Installer;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Installer;

/// <summary>The installer's gate on a fake clock: the window's end, the lockout's back-off, and the enable verb.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallerGateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new(Start);
    private readonly EventList _events = [];
    private readonly InstallerWindowFile _file;
    private readonly InstallerGate _gate;

    public InstallerGateTests()
    {
        _file = new InstallerWindowFile(_folder.File(InstallerWindowFile.FileName));
        _file.Write(new InstallerWindow(Start.AddHours(4), PinHash.Hash("CODE23456789", 1000)) { PasswordHash = PinHash.Hash("a long password", 1000), Installer = "Ines" });
        _gate = new InstallerGate(_file, _events, _time);
    }

    [Fact]
    public async Task The_window_ends_on_time_and_refuses_even_the_right_password_after()
    {
        Assert.True((await _gate.LogInAsync("a long password", "10.0.0.9")).Admitted);

        _time.Advance(TimeSpan.FromHours(4));

        Assert.False((await _gate.LogInAsync("a long password", "10.0.0.9")).Admitted);
        Assert.Null(_gate.OpenWindow());
    }

    [Fact]
    public async Task Failures_lock_the_page_with_a_doubling_back_off_that_a_restart_keeps()
    {
        for (var i = 0; i < 5; i++)
            await _gate.LogInAsync("wrong", "10.0.0.9");
        var first = _file.Read()!.LockedUntil;
        _time.Advance(TimeSpan.FromSeconds(31));
        await _gate.LogInAsync("wrong again", "10.0.0.9");
        var second = _file.Read()!.LockedUntil;
        using var restarted = new InstallerGate(_file, _events, _time);

        Assert.Equal(Start.AddSeconds(30), first);
        Assert.Equal(_time.GetUtcNow().AddSeconds(60), second);
        Assert.Contains("too many failed attempts", (await restarted.LogInAsync("a long password", "10.0.0.9")).Problem, StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.True((await restarted.LogInAsync("a long password", "10.0.0.9")).Admitted);
        Assert.Equal(0, _file.Read()!.FailedLogins);
        Assert.Equal(2, _events.OfType<InstallerEvent>().Count(e => e.Kind == "locked_out"));
    }

    [Fact]
    public void Enable_prints_a_code_that_opens_the_window_and_the_fingerprint_and_keeps_both_secret()
    {
        var config = _folder.File("site.json");
        File.WriteAllText(config, $$"""
            { "Site": "hq", "Device": "d1", "DataDirectory": "{{_folder.File("data")}}", "Gpio": { "Chip": "simulated" },
              "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
              "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } } }
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ExitCodes.Ok, InstallerVerb.Enable(config, [], "30m", _time, output, error));

        var lines = output.ToString().Split('\n');
        var code = lines.Single(l => l.StartsWith("setup code: ", StringComparison.Ordinal))["setup code: ".Length..].Trim();
        var window = new InstallerWindowFile(Path.Combine(_folder.File("data"), InstallerWindowFile.FileName));
        Assert.True(PinHash.Verify(code, window.Read()!.SetupCodeHash));
        Assert.Equal(Start.AddMinutes(30), window.Read()!.Until);
        Assert.Matches("^certificate SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}$", lines.Single(l => l.StartsWith("certificate", StringComparison.Ordinal)).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(window.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder.File("data"), InstallerCertificate.FileName)));
        Assert.Equal(ExitCodes.BadConfiguration, InstallerVerb.Enable(config, [], "3d", _time, output, error));
    }

    public void Dispose()
    {
        _gate.Dispose();
        _folder.Dispose();
    }
}
