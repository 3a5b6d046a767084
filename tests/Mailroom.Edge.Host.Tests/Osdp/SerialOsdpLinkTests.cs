using System.Diagnostics;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Osdp;

/// <summary>The serial adapter on a real tty: two pseudo-terminals joined by socat stand in for the RS-485 bus.</summary>
public sealed class SerialOsdpLinkTests : IAsyncLifetime
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(10);
    private SocatPtyPair _line = null!;

    public async Task InitializeAsync() => _line = await SocatPtyPair.StartAsync();

    public async Task DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public void Bytes_cross_the_line_unchanged_both_ways()
    {
        // Every byte value, so CR/LF translation or XON/XOFF (0x11, 0x13) would show; then a block larger than one read.
        byte[] everyValue = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        byte[] block = Enumerable.Range(0, 1440).Select(i => (byte)(i * 7 + 3)).ToArray();
        MakeCooked(_line.PanelSide);
        MakeCooked(_line.ReaderSide);
        using var panel = SerialOsdpLink.Open(_line.PanelSide, 9600);
        using var reader = SerialOsdpLink.Open(_line.ReaderSide, 9600);

        panel.Write(everyValue);
        panel.Write(block);
        Assert.Equal(everyValue, ReadExactly(reader, everyValue.Length));
        Assert.Equal(block, ReadExactly(reader, block.Length));

        // An echo of what the reader received would reach the panel ahead of this.
        reader.Write(block);
        reader.Write(everyValue);
        Assert.Equal(block, ReadExactly(panel, block.Length));
        Assert.Equal(everyValue, ReadExactly(panel, everyValue.Length));
    }

    [Fact]
    public void Read_returns_zero_when_nothing_arrives()
    {
        using var reader = SerialOsdpLink.Open(_line.ReaderSide, 9600);

        Assert.Equal(0, reader.Read(new byte[64], TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void DiscardInput_drops_bytes_received_and_not_read()
    {
        using var panel = SerialOsdpLink.Open(_line.PanelSide, 9600);
        using var reader = SerialOsdpLink.Open(_line.ReaderSide, 9600);
        byte[] lateReply = [0x53, 0x00, 0x08, 0x00, 0x05, 0x40, 0xAA, 0xBB];
        panel.Write(lateReply);
        Assert.True(SpinWait.SpinUntil(() => reader.BytesWaiting == lateReply.Length, ArrivalTimeout), "the late reply never arrived");

        reader.DiscardInput();

        Assert.Equal(0, reader.BytesWaiting);
        byte[] nextReply = [0x53, 0x00, 0x07, 0x00, 0x06, 0x41, 0xCC];
        panel.Write(nextReply);
        Assert.Equal(nextReply, ReadExactly(reader, nextReply.Length));
    }

    [Fact]
    public void Open_sets_raw_8N1_at_the_baud_asked_for()
    {
        MakeCooked(_line.ReaderSide);
        SerialOsdpLink.Open(_line.ReaderSide, 19200).Dispose();

        // Read after the close: the settings outlive the descriptor while socat holds the far end, and an unprivileged
        // stty could not open the tty while the link holds it exclusively.
        var settings = Stty(_line.ReaderSide, "-a");
        Assert.Contains("speed 19200 baud", settings, StringComparison.Ordinal);
        var flags = settings.Split([' ', '\n', ';'], StringSplitOptions.RemoveEmptyEntries);
        Assert.All(new[] { "cs8", "-parenb", "-cstopb", "cread", "clocal", "-crtscts", "-ixon", "-ixoff", "-icrnl", "-opost", "-icanon", "-echo", "-isig" },
            flag => Assert.Contains(flag, flags));
        Assert.Contains("min = 0", settings, StringComparison.Ordinal);
        Assert.Contains("time = 0", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_open_of_a_line_in_use_is_refused_until_the_first_is_closed()
    {
        var first = SerialOsdpLink.Open(_line.ReaderSide, 9600);

        // Root may open an exclusive tty anyway (CAP_SYS_ADMIN); the agent runs without it, so the test does too.
        var refused = WithoutSysAdmin.Run(() => Record.Exception(() => SerialOsdpLink.Open(_line.ReaderSide, 9600).Dispose()));
        first.Dispose();
        var afterClose = WithoutSysAdmin.Run(() => Record.Exception(() => SerialOsdpLink.Open(_line.ReaderSide, 9600).Dispose()));

        var busy = Assert.IsType<OsdpLinkException>(refused);
        Assert.Equal(16, busy.Errno); // EBUSY
        Assert.Contains("exclusive use", busy.Message, StringComparison.Ordinal);
        Assert.Null(afterClose);
    }

    [Fact]
    public void Opening_a_missing_port_names_the_path_and_the_reason()
    {
        using var directory = new TempDirectory("osdp-missing");
        var missing = directory.File("ttyUSB9");

        var error = Assert.Throws<OsdpLinkException>(() => SerialOsdpLink.Open(missing, 9600));

        Assert.Equal(2, error.Errno); // ENOENT
        Assert.Equal($"{missing}: cannot open: No such file or directory (errno 2)", error.Message);
    }

    [Fact]
    public void An_unsupported_baud_is_refused_with_the_supported_ones()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SerialOsdpLink.Open(_line.ReaderSide, 4800));

        Assert.Equal("baud", error.ParamName);
        Assert.Contains("9600, 19200, 38400, 57600, 115200, 230400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_reports_a_hang_up_instead_of_returning_nothing()
    {
        using var reader = SerialOsdpLink.Open(_line.ReaderSide, 9600);

        // socat gone: the far ends of both pseudo-terminals close, as when a USB adapter is pulled.
        await _line.DisposeAsync();

        var error = Assert.Throws<OsdpLinkException>(() => reader.Read(new byte[16], ArrivalTimeout));
        Assert.StartsWith(_line.ReaderSide, error.Message, StringComparison.Ordinal);
    }

    private static byte[] ReadExactly(IOsdpLink link, int count)
    {
        var received = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = link.Read(received.AsSpan(filled), ArrivalTimeout);
            Assert.True(read > 0, $"{link.Port}: {filled} of {count} bytes arrived, then nothing for {ArrivalTimeout.TotalSeconds} s");
            filled += read;
        }

        return received;
    }

    /// <summary>Undoes socat's raw setup (and sets 38400 baud), so what the test sees afterwards is the link's doing:
    /// a cooked tty translates CR and LF, takes 0x11 and 0x13 as XON/XOFF, echoes and waits for whole lines.</summary>
    private static void MakeCooked(string port) => Stty(port, "sane", "38400", "-clocal");

    private static string Stty(string port, params string[] arguments)
    {
        var start = new ProcessStartInfo("stty") { ArgumentList = { "-F", port }, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var stty = Process.Start(start) ?? throw new InvalidOperationException("cannot start stty");
        var errors = stty.StandardError.ReadToEndAsync();
        var output = stty.StandardOutput.ReadToEnd();
        stty.WaitForExit();
        Assert.True(stty.ExitCode == 0, $"stty failed: {errors.Result}");
        return output;
    }
}
