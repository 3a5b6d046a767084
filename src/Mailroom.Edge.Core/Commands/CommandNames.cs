namespace Mailroom.Edge.Core.Commands;

/// <summary>The command names of contract v1 (the last level of <c>{root}/cmd/{name}</c>).</summary>
public static class CommandNames
{
    public const string Unlock = "unlock";
    public const string DoorMode = "door-mode";
    public const string Lockdown = "lockdown";
    public const string Credentials = "credentials";
    public const string Replay = "replay";
    public const string Clip = "clip";
    public const string Diagnostics = "diagnostics";
    public const string Config = "config";
    public const string OsdpInstall = "osdp-install";
    public const string Installer = "installer";

    public static readonly IReadOnlyList<string> All = [Unlock, DoorMode, Lockdown, Credentials, Replay, Clip, Diagnostics, Config, OsdpInstall, Installer];

    /// <summary>
    /// Commands that move a door or change who may pass. Under an unsynchronised clock they are executed only when they
    /// meet the freshness rule (docs/security.md, "Clock rule"); read-only commands need only the counter. Opening a
    /// reader's install window weakens a door's security for a while, so it counts as one; so does turning the installer's
    /// page on or off.
    /// </summary>
    public static bool Actuates(string name) => name is Unlock or DoorMode or Lockdown or OsdpInstall or Installer;
}
