using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Devices.Tests.Nfc;

/// <summary>
/// A PN532 on the far end of a pseudo-terminal, speaking its host interface as the PN532 User Manual (UM0701-02) §6.2
/// frames it: wake-up bytes ignored, each command frame (00 00 FF LEN LCS D4 CMD … DCS 00) checked and acknowledged
/// (00 00 FF 00 FF 00), then answered (D5 CMD+1 …). InListPassiveTarget lists the card in the field; with no card it
/// answers "no target" only once the host has limited passive activation retries (RFConfiguration item 5) — at the
/// chip's default, 0xFF, it keeps trying and never answers, as a real PN532 does.
/// </summary>
internal sealed class FakePn532Uart : IAsyncDisposable
{
    private readonly SocatPtyPair _line;
    private readonly FileStream _port;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private byte[]? _target;

    private FakePn532Uart(SocatPtyPair line)
    {
        _line = line;
        _port = new FileStream(line.ReaderSide, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
        _thread = new Thread(Serve) { IsBackground = true, Name = "fake PN532" };
        _thread.Start();
    }

    /// <summary>The host's end, for the binding to open as a serial port.</summary>
    public string Port => _line.PanelSide;

    /// <summary>The passive activation retries the host last configured (0xFF, "forever", until it says otherwise).</summary>
    public byte PassiveActivationRetries { get; private set; } = 0xFF;

    /// <summary>Stops answering anything, as a chip that lost power does.</summary>
    public bool Silent { get; set; }

    public static async Task<FakePn532Uart> StartAsync() => new(await SocatPtyPair.StartAsync());

    /// <summary>A card in the field: ATQA, SAK and UID, listed as InListPassiveTarget's 106 kbps type A target data.</summary>
    public void Present(ushort atqa, byte sak, byte[] uid) =>
        PresentRaw([0x01, (byte)(atqa >> 8), (byte)atqa, sak, (byte)uid.Length, .. uid]);

    /// <summary>Lists exactly these target bytes (after the target count): a chip gone wrong.</summary>
    public void PresentRaw(byte[] targetData)
    {
        lock (_gate)
            _target = targetData;
    }

    public void Remove()
    {
        lock (_gate)
            _target = null;
    }

    private void Serve()
    {
        try
        {
            while (ReadCommand() is { } command)
            {
                if (Silent)
                    continue;
                Write([0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00]);
                if (Answer(command) is { } answer)
                    Write(Frame(command[0], answer));
            }
        }
        catch (IOException)
        {
            // socat is gone: the line hung up.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private byte[]? Answer(byte[] command)
    {
        switch (command[0])
        {
            case 0x02:
                return [0x32, 0x01, 0x06, 0x07];
            case 0x12 or 0x14:
                return [];
            case 0x32:
                if (command.Length == 5 && command[1] == 0x05)
                    PassiveActivationRetries = command[4];
                return [];
            case 0x4A:
                byte[]? target;
                lock (_gate)
                    target = _target;
                if (target is not null)
                    return [0x01, .. target];
                return PassiveActivationRetries == 0xFF ? null : [0x00];
            default:
                return null;
        }
    }

    /// <summary>The next well-formed command (CMD and its parameters); frames with a bad checksum are dropped.</summary>
    private byte[]? ReadCommand()
    {
        while (true)
        {
            // Wake-up 0x55s and preambles are skipped: a frame starts at 00 FF.
            var previous = -1;
            int b;
            while ((b = _port.ReadByte()) >= 0 && !(previous == 0x00 && b == 0xFF))
                previous = b;
            if (b < 0)
                return null;
            var length = ReadByte();
            var lengthCheck = ReadByte();
            if ((byte)(length + lengthCheck) != 0 || length < 2)
                continue;
            var body = new byte[length];
            for (var i = 0; i < length; i++)
                body[i] = ReadByte();
            var dataCheck = ReadByte();
            if (body[0] != 0xD4 || (byte)(body.Sum(x => x) + dataCheck) != 0)
                continue;
            return body[1..];
        }
    }

    private byte ReadByte()
    {
        var b = _port.ReadByte();
        return b < 0 ? throw new IOException("the line hung up") : (byte)b;
    }

    private static byte[] Frame(byte command, byte[] data)
    {
        byte[] body = [0xD5, (byte)(command + 1), .. data];
        var length = (byte)body.Length;
        return [0x00, 0x00, 0xFF, length, (byte)-length, .. body, (byte)-body.Sum(x => x), 0x00];
    }

    private void Write(byte[] bytes)
    {
        _port.Write(bytes);
        _port.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        await _line.DisposeAsync();
        _thread.Join();
        await _port.DisposeAsync();
    }
}
