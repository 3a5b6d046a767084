using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio;

/// <summary>Held outputs of a chip that lives in this process (the simulated chip, an I2C expander): each call checks
/// that the line is part of the request, then hands it to the chip; disposing releases the lines once.</summary>
internal abstract class HeldOutputs(IReadOnlyCollection<LineOffset> offsets) : IOutputLineRequest
{
    private int _disposed;

    public void SetValue(LineOffset offset, bool active)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        Check(offset);
        Set(offset, active);
    }

    public bool GetValue(LineOffset offset)
    {
        Check(offset);
        return Get(offset);
    }

    protected abstract void Set(LineOffset offset, bool active);

    protected abstract bool Get(LineOffset offset);

    protected abstract void Release();

    private void Check(LineOffset offset)
    {
        if (!offsets.Contains(offset))
            throw new GpioException($"line {offset} is not part of this output request");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            Release();
    }
}
