using System.Device.Gpio;

namespace Mailroom.Edge.Gpio.Bindings;

/// <summary>
/// A pin's value changed, with the time the chip stamped the edge (<c>gpio_v2_line_event.timestamp_ns</c> in
/// include/uapi/linux/gpio.h: CLOCK_MONOTONIC, taken in interrupt context). A binding sees an ordinary
/// <see cref="PinValueChangedEventArgs"/>; code of ours that needs the time casts to this type.
/// </summary>
public sealed class TimestampedPinValueChangedEventArgs(PinEventTypes changeType, int pinNumber, long timestampNs)
    : PinValueChangedEventArgs(changeType, pinNumber)
{
    /// <summary>When the edge happened, on the chip's clock (<see cref="Core.Hardware.IGpioChip.NowNs"/>), in nanoseconds.</summary>
    public long TimestampNs { get; } = timestampNs;
}
