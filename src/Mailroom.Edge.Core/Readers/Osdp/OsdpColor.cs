namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>LED colours of the LED command (§6.10, table 15).</summary>
public enum OsdpColor : byte
{
    Black = 0,
    Red = 1,
    Green = 2,
    Amber = 3,
    Blue = 4,
    Magenta = 5,
    Cyan = 6,
    White = 7,
}
