namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>An LED setting: control code, on and off times (100 ms units), on and off colours.</summary>
public sealed record OsdpLedSetting(byte Control, byte OnTime, byte OffTime, OsdpColor OnColor, OsdpColor OffColor)
{
    /// <summary>Control code 0: this setting is left as it is.</summary>
    public static OsdpLedSetting Unchanged { get; } = new(0, 0, 0, OsdpColor.Black, OsdpColor.Black);
}
