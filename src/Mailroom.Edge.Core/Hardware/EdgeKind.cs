namespace Mailroom.Edge.Core.Hardware;

/// <summary>Which way a line moved; mirrors <c>GPIO_V2_LINE_EVENT_RISING_EDGE</c>/<c>FALLING_EDGE</c> in linux/gpio.h.</summary>
public enum EdgeKind
{
    Rising = 1,
    Falling = 2,
}
