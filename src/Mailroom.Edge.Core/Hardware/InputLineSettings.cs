namespace Mailroom.Edge.Core.Hardware;

/// <summary>How one input line is requested: pull resistor, polarity, which edges and the kernel debounce period.</summary>
public sealed record InputLineSettings(
    LineOffset Offset,
    LineBias Bias = LineBias.AsIs,
    bool ActiveLow = false,
    EdgeDetection Edges = EdgeDetection.Both,
    TimeSpan Debounce = default);
