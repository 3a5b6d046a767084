using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>Held expander outputs; disposing sets them to their safe level before freeing them.</summary>
internal sealed class ExpanderOutputRequest(ExpanderChip chip, IReadOnlyList<OutputLineSettings> lines) : IOutputLineRequest
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
        return chip.GetOutput(offset);
    }

    private void Check(LineOffset offset)
    {
        if (!lines.Any(l => l.Offset == offset))
            throw new GpioException($"line {offset} of {chip.Name} is not part of this output request");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            chip.ReleaseOutputs(lines);
    }
}
