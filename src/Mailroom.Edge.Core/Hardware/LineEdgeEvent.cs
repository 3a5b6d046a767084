namespace Mailroom.Edge.Core.Hardware;

/// <summary>
/// One edge as the kernel reports it in <c>struct gpio_v2_line_event</c> (linux/gpio.h): the timestamp is taken in
/// interrupt context on CLOCK_MONOTONIC, so it is exact even when this process is descheduled.
/// <see cref="SeqNo"/> counts events across the whole request, <see cref="LineSeqNo"/> per line; a gap in
/// <see cref="SeqNo"/> means the kernel dropped events because its buffer overflowed.
/// </summary>
public readonly record struct LineEdgeEvent(
    long TimestampNs,
    LineOffset Offset,
    EdgeKind Edge,
    uint SeqNo,
    uint LineSeqNo);
