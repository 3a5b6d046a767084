namespace Mailroom.Edge.Core.Hardware;

/// <summary>Which edges an input line reports.</summary>
[Flags]
public enum EdgeDetection
{
    None = 0,
    Rising = 1,
    Falling = 2,
    Both = Rising | Falling,
}
