using System.Threading.Channels;

namespace Mailroom.Edge.Core.Hardware;

/// <summary>Held input lines. Events are delivered oldest first on a bounded channel.</summary>
public interface IInputLineRequest : IDisposable
{
    ChannelReader<LineEdgeEvent> Events { get; }

    /// <summary>Reads the current logical value of a held line (active = true).</summary>
    bool GetValue(LineOffset offset);
}
