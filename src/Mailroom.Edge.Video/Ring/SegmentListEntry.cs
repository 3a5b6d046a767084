namespace Mailroom.Edge.Video.Ring;

/// <summary>One line of ffmpeg's CSV segment list: a completed segment's file name and its start and end in stream seconds.</summary>
public readonly record struct SegmentListEntry(string FileName, double StartSeconds, double EndSeconds);
