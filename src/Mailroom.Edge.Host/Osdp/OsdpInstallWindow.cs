namespace Mailroom.Edge.Host.Osdp;

/// <summary>How long install mode may last: long enough to wire and power a reader, short enough that a forgotten
/// window closes itself.</summary>
public static class OsdpInstallWindow
{
    public static TimeSpan Default { get; } = TimeSpan.FromMinutes(10);

    public static TimeSpan Minimum { get; } = TimeSpan.FromSeconds(30);

    public static TimeSpan Maximum { get; } = TimeSpan.FromHours(1);

    public static string? Check(TimeSpan window) =>
        window < Minimum || window > Maximum ? $"install mode lasts {Minimum.TotalSeconds:0} s to {Maximum.TotalMinutes:0} min, not {window}" : null;
}
