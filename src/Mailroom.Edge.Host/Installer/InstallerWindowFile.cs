using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Storage.Interop;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// <c>{DataDirectory}/installer.json</c>, mode 0600: the installer's window (<see cref="InstallerWindow"/>). Written
/// whole and renamed (<see cref="PrivateFile"/>) by <c>installer enable</c> and by the agent; read by the agent once a
/// second and on every login. A file that cannot be read means no window: the page stays off.
/// </summary>
public sealed class InstallerWindowFile(string path)
{
    public const string FileName = "installer.json";

    public string Path => path;

    public InstallerWindow? Read()
    {
        try
        {
            if (!File.Exists(path))
                return null;
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            if (json?["until"]?.GetValue<string>() is not { } until || json["setup_code_hash"]?.GetValue<string>() is not { } code)
                return null;
            return new InstallerWindow(Time(until), code)
            {
                PasswordHash = json["password_hash"]?.GetValue<string>(),
                Installer = json["installer"]?.GetValue<string>(),
                FailedLogins = json["failed_logins"]?.GetValue<int>() ?? 0,
                LockedUntil = json["locked_until"]?.GetValue<string>() is { } locked ? Time(locked) : null,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public void Write(InstallerWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var json = new JsonObject
        {
            ["until"] = Text(window.Until),
            ["setup_code_hash"] = window.SetupCodeHash,
            ["password_hash"] = window.PasswordHash,
            ["installer"] = window.Installer,
            ["failed_logins"] = window.FailedLogins,
            ["locked_until"] = window.LockedUntil is { } locked ? Text(locked) : null,
        };
        PrivateFile.Write(path, stream => JsonSerializer.Serialize(stream, json));
    }

    /// <summary>Opens a new window until <paramref name="until"/>, with a new one-time setup code and no password; returns the
    /// code (only its hash is kept).</summary>
    public string OpenNew(DateTimeOffset until)
    {
        var code = Core.Commands.InstallerSetupCode.New();
        Open(until, Core.Commands.InstallerSetupCode.Hash(code));
        return code;
    }

    /// <summary>Opens a new window until <paramref name="until"/> for a setup code made elsewhere (the signed
    /// <c>installer</c> command carries only its hash), with no password.</summary>
    public void Open(DateTimeOffset until, string setupCodeHash) => Write(new InstallerWindow(until, setupCodeHash));

    /// <summary>Closes the window now (<c>installer disable</c>): the page turns itself off within a second.</summary>
    public void Close()
    {
        if (Read() is { } window)
            Write(window with { Until = DateTimeOffset.MinValue });
    }

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
