namespace Mailroom.Edge.Host.Configuration;

/// <summary>A Wiegand reader: the door it opens, its data lines and the card formats it accepts, in order.</summary>
public sealed class ReaderOptions
{
    public string Door { get; set; } = "";

    /// <summary>DATA0 line (green wire on most readers).</summary>
    public string D0 { get; set; } = "";

    /// <summary>DATA1 line (white wire on most readers).</summary>
    public string D1 { get; set; } = "";

    /// <summary>Accepted formats; an ambiguous frame resolves by this order. Empty means H10301 only.
    /// (Not pre-filled: the configuration binder appends to a list it finds, so a default item would stay.)</summary>
    public List<string> Formats { get; set; } = [];

    /// <summary>Entry or exit, for anti-passback; <c>None</c> when the reader takes no part in it.</summary>
    public Mailroom.Edge.Core.Access.ReaderDirection Direction { get; set; } = Mailroom.Edge.Core.Access.ReaderDirection.None;

    /// <summary>The formats in force: the configured ones, or H10301 when none are listed.</summary>
    public IReadOnlyList<string> EffectiveFormats => Formats.Count > 0 ? Formats : ["H10301"];
}
