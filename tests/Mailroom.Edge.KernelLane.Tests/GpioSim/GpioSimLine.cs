using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Mailroom.Edge.KernelLane.Tests.GpioSim;

/// <summary>
/// One line of a gpio-sim chip seen from the outside world, through sysfs (<c>sim_gpioN/pull</c> and <c>value</c>):
/// the "wire" a test drives and reads. The pull is what an external circuit would do to an input; the value is what
/// the line carries, electrically (an active-low request does not invert it).
/// </summary>
public sealed class GpioSimLine : IDisposable
{
    private static readonly byte[] PullUp = Encoding.ASCII.GetBytes("pull-up");
    private static readonly byte[] PullDown = Encoding.ASCII.GetBytes("pull-down");
    private readonly SafeFileHandle _pull;
    private readonly SafeFileHandle _value;

    internal GpioSimLine(string directory, int offset)
    {
        Offset = offset;
        // Kept open: a pulse generator writes them thousands of times, and an open per write would stretch pulses.
        _pull = File.OpenHandle(Path.Combine(directory, "pull"), FileMode.Open, FileAccess.ReadWrite);
        _value = File.OpenHandle(Path.Combine(directory, "value"), FileMode.Open, FileAccess.Read);
    }

    public int Offset { get; }

    /// <summary>Drives the line high (pull-up) or low (pull-down), as a reader or a switch on the wire would.</summary>
    public void Drive(bool high) => RandomAccess.Write(_pull, high ? PullUp : PullDown, 0);

    /// <summary>The electrical level on the line now: what an output drives, or what the pull makes an input read.</summary>
    public bool Level
    {
        get
        {
            Span<byte> buffer = stackalloc byte[8];
            int read = RandomAccess.Read(_value, buffer, 0);
            return read > 0 && buffer[0] == (byte)'1';
        }
    }

    /// <summary>The pull the line has now (<c>pull-up</c> or <c>pull-down</c>): a request's bias sets it too.</summary>
    public string Pull
    {
        get
        {
            Span<byte> buffer = stackalloc byte[16];
            int read = RandomAccess.Read(_pull, buffer, 0);
            return Encoding.ASCII.GetString(buffer[..read]).Trim();
        }
    }

    public void Dispose()
    {
        _pull.Dispose();
        _value.Dispose();
    }
}
