namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// One presentation as a reader's diagnostics kept it, for the installer's live Readers view: the frame as it arrived
/// (bit count, bits, the spread of its bit intervals and its length, on the kernel's timestamps) and how it decoded
/// (the format that matched, facility and number, or why none did). A keypad's frame is a key, so its bits (and the
/// key) are never kept: <see cref="Bits"/> is null and <see cref="Keys"/> true. A card that came whole (an OSDP raw
/// read, an NFC UID) has no pulse timing: <see cref="Timed"/> is false.
/// </summary>
public sealed record ReaderFrameRecord(
    long Seq,
    DateTimeOffset At,
    string Outcome,
    int BitCount,
    string? Bits,
    bool Keys,
    bool Timed,
    long MinIntervalNs,
    long MaxIntervalNs,
    long DurationNs,
    string? Problem)
{
    /// <summary>How the frame decoded: <c>ok</c>, <c>parity_error</c>, <c>unknown_format</c>; null before (or without) a decode.</summary>
    public string? Decode { get; init; }

    public string? Format { get; init; }

    public uint? Facility { get; init; }

    public ulong? Number { get; init; }
}
