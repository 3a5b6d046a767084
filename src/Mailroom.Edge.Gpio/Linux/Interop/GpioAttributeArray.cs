using System.Runtime.CompilerServices;

namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>A C array of <c>GPIO_V2_LINE_NUM_ATTRS_MAX</c> (10) attribute structs, laid out inline.</summary>
[InlineArray(GpioUapi.NumAttrsMax)]
internal struct GpioAttributeArray<T>
    where T : unmanaged
{
    private T _element0;
}
