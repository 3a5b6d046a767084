using Mailroom.Edge.Core.Readers.Nfc;

namespace Mailroom.Edge.Core.Tests.Readers.Nfc;

/// <summary>A chip whose every poll answer is scripted: a UID (hex), no card (null), or a failure ("!reason").</summary>
internal sealed class ScriptedNfcChip(Queue<string?> script) : INfcChip
{
    public string Identity => "scripted";

    public bool Disposed { get; private set; }

    public NfcDetection? Detect()
    {
        var next = script.Dequeue();
        if (next is null)
            return null;
        if (next.StartsWith('!'))
            throw new NfcChipException(next[1..]);
        return new NfcDetection(new CardUid(Convert.FromHexString(next)), 0x0004, 0x08);
    }

    public void Dispose() => Disposed = true;
}
