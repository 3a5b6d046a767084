using System.Runtime.InteropServices;

namespace Mailroom.Edge.Mqtt.Interop;

/// <summary>
/// <c>struct mosquitto_message</c> from mosquitto.h. Sequential layout reproduces the C alignment (4 bytes of padding
/// after <c>mid</c> on 64-bit); <c>retain</c> is a C <c>bool</c>, one byte, so it is read as <see cref="byte"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MosquittoMessage
{
    public int Mid;
    public byte* Topic;
    public byte* Payload;
    public int PayloadLength;
    public int Qos;
    public byte Retain;
}
