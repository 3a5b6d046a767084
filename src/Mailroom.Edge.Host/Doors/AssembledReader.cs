using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Doors;

/// <summary>One reader as <see cref="ReaderAssembly"/> built it: a Wiegand reader's <see cref="Input"/> lines, an
/// OSDP reader's <see cref="Osdp"/> session, an NFC reader's <see cref="Nfc"/> loop, or a matrix keypad's
/// <see cref="Matrix"/> lines. Disposing releases its lines (feedback at rest first).</summary>
public sealed record AssembledReader(
    ReaderId Name,
    ReaderOptions Settings,
    AccessPoint AccessPoint,
    WiegandInput? Input,
    IOutputLineRequest? FeedbackLines,
    ReaderFeedbackPlayer? Feedback,
    DoorSignalsOnReader? Signals) : IDisposable
{
    public OsdpReaderSession? Osdp { get; init; }

    /// <summary>An NFC reader's loop (run by <c>NfcService</c> on a thread of its own).</summary>
    public NfcReaderLoop? Nfc { get; init; }

    public MatrixKeypadInput? Matrix { get; init; }

    public void Dispose()
    {
        Nfc?.Dispose();
        Signals?.Dispose();
        AccessPoint.Dispose();
        Feedback?.Dispose();
        FeedbackLines?.Dispose();
        Input?.Dispose();
        Matrix?.Dispose();
    }
}
