using Mailroom.Edge.Core.Readers.Nfc;

namespace Mailroom.Edge.Devices.Simulation;

/// <summary>
/// An ISO/IEC 14443-A card (PICC) as far as a reader's anticollision sees it (ISO/IEC 14443-3 §6): IDLE until a REQA
/// (or WUPA) makes it READY and it answers its ATQA; anticollision and select per cascade level (a 7- or 10-byte UID
/// spans two or three levels behind the cascade tag 0x88), checking each SELECT's BCC and CRC_A; ACTIVE once fully
/// selected, where any unexpected frame (a REQA) sends it back to IDLE without an answer, and HLTA to HALT, where only
/// WUPA wakes it. A frame it does not expect gets no answer, as on the air.
/// </summary>
public sealed class SimulatedCard
{
    private const byte CascadeTag = 0x88;
    private readonly byte[][] _levels;
    private State _state = State.Idle;
    private int _level;

    /// <param name="uid">4, 7 or 10 bytes.</param>
    /// <param name="sak">The final SAK: 0x08 for MIFARE Classic 1K, 0x00 for Ultralight/NTAG, 0x20 for DESFire.</param>
    public SimulatedCard(ReadOnlySpan<byte> uid, byte sak = 0x08)
    {
        if (uid.Length is not (4 or 7 or 10))
            throw new ArgumentException("a card's UID has 4, 7 or 10 bytes", nameof(uid));
        Uid = new CardUid(uid);
        Sak = sak;
        var u = uid.ToArray();
        _levels = u.Length switch
        {
            4 => [u],
            7 => [[CascadeTag, u[0], u[1], u[2]], u[3..7]],
            _ => [[CascadeTag, u[0], u[1], u[2]], [CascadeTag, u[3], u[4], u[5]], u[6..10]],
        };
    }

    public CardUid Uid { get; }

    public byte Sak { get; }

    /// <summary>ATQA, least significant byte first on the air: UID size in bits 7–6 (single 00, double 01, triple 10),
    /// bit frame anticollision in bit 0 (0x0004 for a 4-byte MIFARE Classic, 0x0044 for 7 bytes).</summary>
    public ushort Atqa => (ushort)((_levels.Length - 1) << 6 | 0x04);

    /// <summary>How many frames this card has answered (a test's view of the air).</summary>
    public int Answers { get; private set; }

    /// <summary>Left the field: loses its state, as a card without power does.</summary>
    public void Unpowered() => _state = State.Idle;

    /// <summary>A frame from the reader (<paramref name="lastBits"/> valid bits in its last byte, 0 for all 8); the
    /// card's answer, or null for silence.</summary>
    public byte[]? Receive(ReadOnlySpan<byte> frame, int lastBits)
    {
        var answer = Answer(frame, lastBits);
        if (answer is not null)
            Answers++;
        return answer;
    }

    private byte[]? Answer(ReadOnlySpan<byte> frame, int lastBits)
    {
        if (frame.Length == 1 && lastBits == 7 && frame[0] is 0x26 or 0x52)
        {
            var wakes = frame[0] == 0x52 ? _state is State.Idle or State.Halt : _state == State.Idle;
            if (!wakes)
            {
                // A REQA to a selected card is an unexpected frame: back to IDLE, silently.
                if (_state == State.Active)
                    _state = State.Idle;
                return null;
            }
            _state = State.Ready;
            _level = 0;
            return [(byte)(Atqa & 0xFF), (byte)(Atqa >> 8)];
        }
        if (_state == State.Active && frame.Length == 4 && frame[0] == 0x50 && frame[1] == 0x00 && CrcA.Holds(frame))
        {
            _state = State.Halt;
            return null;
        }
        if (_state != State.Ready || frame.Length < 2 || frame[0] != SelectCode(_level))
            return Unexpected();
        var level = _levels[_level];
        if (frame.Length == 2 && frame[1] == 0x20)
            return [.. level, Bcc(level)];
        if (frame.Length == 9 && frame[1] == 0x70 && frame.Slice(2, 4).SequenceEqual(level) && frame[6] == Bcc(level) && CrcA.Holds(frame))
        {
            var last = ++_level == _levels.Length;
            if (last)
                _state = State.Active;
            byte sak = last ? Sak : (byte)0x04;
            return CrcA.Append([sak]);
        }
        return Unexpected();
    }

    private byte[]? Unexpected()
    {
        if (_state != State.Halt)
            _state = State.Idle;
        return null;
    }

    private static byte SelectCode(int level) => (byte)(0x93 + 2 * level);

    private static byte Bcc(ReadOnlySpan<byte> level) => (byte)(level[0] ^ level[1] ^ level[2] ^ level[3]);

    private enum State
    {
        Idle,
        Ready,
        Active,
        Halt,
    }
}
