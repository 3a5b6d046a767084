using Mailroom.Edge.Core.Readers;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>A Wiegand reader: the door it opens, its data lines, what it sends, and the card formats it accepts, in order.</summary>
public sealed class ReaderOptions
{
    public string Door { get; set; } = "";

    /// <summary>DATA0 line (green wire on most readers).</summary>
    public string D0 { get; set; } = "";

    /// <summary>DATA1 line (white wire on most readers).</summary>
    public string D1 { get; set; } = "";

    /// <summary><c>Card</c> (default), <c>Biometric</c> (user numbers framed as a card format) or <c>Keypad</c>.</summary>
    public ReaderKind Kind { get; set; } = ReaderKind.Card;

    /// <summary>Accepted formats, shipped or from the <c>CardFormats</c> section; an ambiguous frame resolves by this
    /// order. Empty means <see cref="DefaultFormat"/>. Unused by a keypad.</summary>
    /// <remarks>Starts empty on purpose: the configuration binder appends to a list it finds, so a default entry here
    /// would silently precede every configured list and take over ambiguous frames.</remarks>
    public List<string> Formats { get; set; } = [];

    public const string DefaultFormat = "H10301";

    /// <summary>The formats in force: <see cref="Formats"/>, or <see cref="DefaultFormat"/> when none is listed.</summary>
    public IReadOnlyList<string> EffectiveFormats => Formats.Count > 0 ? Formats : [DefaultFormat];

    /// <summary>A keypad's PIN entry is abandoned after this pause between keys.</summary>
    public TimeSpan PinTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int PinMaxDigits { get; set; } = 12;

    public ReaderFeedbackOptions Feedback { get; set; } = new();

    /// <summary>Entry or exit, for anti-passback; <c>None</c> when the reader takes no part in it.</summary>
    public Mailroom.Edge.Core.Access.ReaderDirection Direction { get; set; } = Mailroom.Edge.Core.Access.ReaderDirection.None;
}
