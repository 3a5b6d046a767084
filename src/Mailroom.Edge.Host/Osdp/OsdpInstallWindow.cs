using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Osdp;

/// <summary>How long install mode may last: long enough to wire and power a reader, short enough that a forgotten
/// window closes itself.</summary>
public static class OsdpInstallWindow
{
    public static TimeSpan Default { get; } = TimeSpan.FromMinutes(10);

    public static TimeSpan Minimum { get; } = TimeSpan.FromSeconds(30);

    public static TimeSpan Maximum { get; } = TimeSpan.FromHours(1);

    /// <summary>Opens the install window of one of the assembly's OSDP readers, as <c>mailroom-edge osdp install</c> or
    /// the signed <c>osdp-install</c> command asked; the reason it cannot, or null.</summary>
    public static string? Open(DoorAssembly assembly, string reader, TimeSpan window, string? by)
    {
        var session = assembly.OsdpBuses.SelectMany(b => b.Readers).FirstOrDefault(r => r.Profile.Reader.Value == reader);
        if (session is null)
            return $"'{reader}' is not a configured OSDP reader";
        if (Check(window) is { } problem)
            return problem;
        session.BeginInstall(window, by);
        return null;
    }

    public static string? Check(TimeSpan window) =>
        window < Minimum || window > Maximum ? $"install mode lasts {Minimum.TotalSeconds:0} s to {Maximum.TotalMinutes:0} min, not {window}" : null;
}
