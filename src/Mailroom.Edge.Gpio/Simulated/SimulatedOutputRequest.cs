using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>Held simulated outputs.</summary>
internal sealed class SimulatedOutputRequest(SimulatedGpioChip chip, LineOffset[] offsets) : IOutputLineRequest
{
    private int _disposed;

    public void SetValue(LineOffset offset, bool active)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        Check(offset);
        chip.SetOutput(offset, active);
    }

    public bool GetValue(LineOffset offset)
    {
        Check(offset);
        return chip.GetLogical(offset);
    }

    private void Check(LineOffset offset)
    {
        if (Array.IndexOf(offsets, offset) < 0)
            throw new GpioException($"line {offset} is not part of this output request");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            chip.Release(offsets, null);
    }
}
