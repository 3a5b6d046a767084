namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// A reader's LED and beeper wiring and patterns. Wire either one LED line (<see cref="Led"/>: active = green, as on
/// HID readers) or two (<see cref="GreenLed"/>, <see cref="RedLed"/>). <see cref="Patterns"/> replaces the defaults
/// by name (<c>granted</c>, <c>denied</c>, <c>waiting_for_pin</c>, <c>lockdown</c>) in the text form
/// <c>green+beep:100,green:2900</c>.
/// </summary>
public sealed class ReaderFeedbackOptions
{
    public string? Led { get; set; }

    public string? GreenLed { get; set; }

    public string? RedLed { get; set; }

    public string? Beeper { get; set; }

    /// <summary>True when the reader's LED/beeper inputs are active low (most 12 V readers, through an open-drain
    /// driver).</summary>
    public bool ActiveLow { get; set; } = true;

    public Dictionary<string, string> Patterns { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
