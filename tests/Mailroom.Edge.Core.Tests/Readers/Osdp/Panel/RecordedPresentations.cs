using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Panel;

/// <summary>What an OSDP reader session delivered to its door, in order.</summary>
internal sealed class RecordedPresentations : IOsdpReaderInput
{
    public List<OsdpCardRead> Cards { get; } = [];

    public List<string> Keys { get; } = [];

    public void CardRead(OsdpCardRead read) => Cards.Add(read);

    public void KeysPressed(string keys) => Keys.Add(keys);
}
