namespace Mailroom.Edge.Core.Hardware;

/// <summary>The pull resistor the chip applies to an input line.</summary>
public enum LineBias
{
    AsIs = 0,
    PullUp,
    PullDown,
    Disabled,
}
