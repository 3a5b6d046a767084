namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// Finds OSDP packets in the bytes a serial port delivers, in whatever pieces they come. Anything that is not a valid
/// packet — line noise, a truncated frame, a packet with a bad check — is skipped by searching for the next start of
/// message inside it, counted, and reported; it never throws and never buffers more than one maximum packet.
/// </summary>
public sealed class OsdpFrameReader(int maximumLength = OsdpFrameReader.DefaultMaximumLength)
{
    /// <summary>Larger than any packet a reader sends unless told it may (its receive size is negotiated with ACURXSIZE).</summary>
    public const int DefaultMaximumLength = 1440;

    private readonly List<byte> _buffer = new(256);

    /// <summary>Packets whose check failed or whose length was impossible.</summary>
    public long BadPackets { get; private set; }

    /// <summary>Bytes skipped outside any packet (0xFF marks between packets are not counted).</summary>
    public long NoiseBytes { get; private set; }

    /// <summary>Adds bytes from the wire; returns every packet (or problem) they completed, in order.</summary>
    public IReadOnlyList<OsdpReadResult> Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            _buffer.Add(b);
        var results = new List<OsdpReadResult>();
        while (true)
        {
            var start = _buffer.IndexOf(OsdpFrameCodec.StartOfMessage);
            if (start < 0)
            {
                Skip(_buffer.Count);
                return results;
            }
            Skip(start);
            if (_buffer.Count < 4)
                return results;
            var length = _buffer[2] | (_buffer[3] << 8);
            if (length < OsdpFrameCodec.MinimumLength || length > maximumLength)
            {
                results.Add(Bad($"impossible length {length}"));
                continue;
            }
            if (_buffer.Count < length)
                return results;
            var packet = _buffer.GetRange(0, length).ToArray();
            if (OsdpFrameCodec.Decode(packet, out var problem) is { } frame)
            {
                _buffer.RemoveRange(0, length);
                results.Add(new OsdpReadResult(frame, null));
            }
            else
            {
                results.Add(Bad(problem!));
            }
        }
    }

    /// <summary>
    /// The reply timeout passed: a packet still incomplete will not be completed. Its start was noise (or the rest was
    /// lost), so it is dropped, and the bytes after it searched again: a real packet behind a false start is still found.
    /// </summary>
    public IReadOnlyList<OsdpReadResult> Expire()
    {
        var results = new List<OsdpReadResult>();
        while (_buffer.Count > 0)
        {
            var start = _buffer.IndexOf(OsdpFrameCodec.StartOfMessage);
            if (start < 0)
            {
                Skip(_buffer.Count);
                break;
            }
            Skip(start);
            results.Add(Bad("truncated packet"));
            results.AddRange(Feed([]));
        }
        return results;
    }

    // A false start: drop its SOM byte only, so a real packet beginning inside it is still found.
    private OsdpReadResult Bad(string problem)
    {
        BadPackets++;
        _buffer.RemoveAt(0);
        return new OsdpReadResult(null, problem);
    }

    private void Skip(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (_buffer[i] != OsdpFrameCodec.Mark)
                NoiseBytes++;
        }
        _buffer.RemoveRange(0, count);
    }
}
