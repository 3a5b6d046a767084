namespace Mailroom.Edge.Host.Configuration;

/// <summary>A Wiegand reader: the door it opens, its data lines and the card formats it accepts, in order.</summary>
public sealed class ReaderOptions
{
    public string Door { get; set; } = "";

    /// <summary>DATA0 line (green wire on most readers).</summary>
    public string D0 { get; set; } = "";

    /// <summary>DATA1 line (white wire on most readers).</summary>
    public string D1 { get; set; } = "";

    /// <summary>Accepted formats; an ambiguous frame resolves by this order.</summary>
    public List<string> Formats { get; set; } = ["H10301"];
}
