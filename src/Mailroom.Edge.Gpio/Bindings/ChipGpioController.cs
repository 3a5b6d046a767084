using System.Device.Gpio;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Bindings;

/// <summary>
/// The one way to build the <see cref="GpioController"/> handed to device bindings. Always pass it to a binding: given a
/// pin number but no controller, a dotnet/iot binding makes its own <c>new GpioController()</c> on dotnet/iot's drivers.
/// </summary>
public static class ChipGpioController
{
    /// <summary>A controller whose pins are <paramref name="chip"/>'s line offsets. Disposing it releases the lines, not
    /// the chip.</summary>
    public static GpioController Create(IGpioChip chip, Action<int, Exception> reportFault, string consumer = ChipGpioDriver.DefaultConsumer) =>
        new(new ChipGpioDriver(chip, reportFault, consumer));
}
