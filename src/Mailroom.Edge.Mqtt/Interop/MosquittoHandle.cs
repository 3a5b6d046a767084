using Microsoft.Win32.SafeHandles;

namespace Mailroom.Edge.Mqtt.Interop;

/// <summary>Owns one <c>struct mosquitto*</c>; <c>mosquitto_destroy</c> runs when the last P/Invoke using it has returned.</summary>
internal sealed class MosquittoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public MosquittoHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LibMosquitto.Destroy(handle);
        return true;
    }
}
