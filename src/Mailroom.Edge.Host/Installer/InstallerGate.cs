using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// Who may use the installer's page: the first visit trades the one-time setup code for a password, later visits log
/// in with it. Five failed attempts in a row (code or password) lock the page for 30 s, doubling with each further
/// failure up to 15 min; the count lives in the window file, so a restart does not reset it. Secrets are PBKDF2-hashed
/// (<see cref="PinHash"/>, 600,000 iterations for a password: the OWASP figure for PBKDF2-SHA256) and compared in
/// constant time. Every attempt is an <see cref="InstallerEvent"/>.
/// </summary>
public sealed class InstallerGate(InstallerWindowFile file, IEventPort events, TimeProvider time) : IDisposable
{
    public const int PasswordIterations = Core.Commands.InstallerArguments.MinimumIterations;
    public const int MinimumPasswordLength = 12;
    private const int FreeAttempts = 5;
    private static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestLockout = TimeSpan.FromMinutes(15);

    // One attempt at a time: the window file is read, checked and written as one step.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>The open window, or null when the page must refuse everything.</summary>
    public InstallerWindow? OpenWindow() => file.Read() is { } window && window.IsOpenAt(time.GetUtcNow()) ? window : null;

    public async Task<GateResult> SetPasswordAsync(string code, string installer, string password, string remote)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Refusal(out var window) is { } refused)
                return refused;
            if (window!.PasswordHash is not null)
                return GateResult.Refuse("a password is already set for this window; log in with it");
            if (installer.Length is 0 or > 64 || installer.Any(char.IsControl))
                return GateResult.Refuse("give your name (1 to 64 characters): every action is recorded with it");
            if (password.Length < MinimumPasswordLength)
                return GateResult.Refuse($"the password needs at least {MinimumPasswordLength} characters");
            if (!PinHash.Verify(code.Trim().ToUpperInvariant(), window.SetupCodeHash))
                return await FailAsync(window, installer, remote, "wrong setup code").ConfigureAwait(false);
            file.Write(window with { PasswordHash = PinHash.Hash(password, PasswordIterations), Installer = installer, FailedLogins = 0, LockedUntil = null });
            await events.Emit(new InstallerEvent(time.GetUtcNow(), "password_set", installer, remote, null)).ConfigureAwait(false);
            return GateResult.Admit(installer);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<GateResult> LogInAsync(string password, string remote)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Refusal(out var window) is { } refused)
                return refused;
            if (window!.PasswordHash is null)
                return GateResult.Refuse("no password is set yet: use the setup code");
            if (!PinHash.Verify(password, window.PasswordHash))
                return await FailAsync(window, window.Installer, remote, "wrong password").ConfigureAwait(false);
            file.Write(window with { FailedLogins = 0, LockedUntil = null });
            await events.Emit(new InstallerEvent(time.GetUtcNow(), "login", window.Installer, remote, null)).ConfigureAwait(false);
            return GateResult.Admit(window.Installer ?? "installer");
        }
        finally
        {
            _gate.Release();
        }
    }

    private GateResult? Refusal(out InstallerWindow? window)
    {
        var now = time.GetUtcNow();
        window = OpenWindow();
        if (window is null)
            return GateResult.Refuse("the installer window is closed (mailroom-edge installer enable opens one)");
        if (window.LockedUntil is { } locked && now < locked)
            return GateResult.Refuse($"too many failed attempts: try again in {Math.Ceiling((locked - now).TotalSeconds)} s");
        return null;
    }

    private async Task<GateResult> FailAsync(InstallerWindow window, string? installer, string remote, string why)
    {
        var failures = window.FailedLogins + 1;
        DateTimeOffset? locked = null;
        if (failures >= FreeAttempts)
        {
            var lockout = FirstLockout * Math.Pow(2, Math.Min(failures - FreeAttempts, 10));
            locked = time.GetUtcNow() + (lockout < LongestLockout ? lockout : LongestLockout);
        }
        file.Write(window with { FailedLogins = failures, LockedUntil = locked });
        await events.Emit(new InstallerEvent(time.GetUtcNow(), "login_failed", installer, remote, why)).ConfigureAwait(false);
        if (locked is { } until)
            await events.Emit(new InstallerEvent(time.GetUtcNow(), "locked_out", installer, remote, $"{failures} failed attempts; locked until {until:O}")).ConfigureAwait(false);
        return GateResult.Refuse(why);
    }
}

/// <summary>The answer to a setup or login attempt: admitted as <see cref="Installer"/>, or refused with <see cref="Problem"/>.</summary>
public sealed record GateResult(string? Installer, string? Problem)
{
    public bool Admitted => Installer is not null;

    public static GateResult Admit(string installer) => new(installer, null);

    public static GateResult Refuse(string problem) => new(null, problem);
}
