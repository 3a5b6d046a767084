using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Host.Doors;

/// <summary>A Wiegand reader's requested data lines and the assembler that turns their pulse starts into frames.</summary>
public sealed record WiegandInput(IInputLineRequest Lines, WiegandFrameAssembler Assembler) : IDisposable
{
    public void Dispose() => Lines.Dispose();
}
