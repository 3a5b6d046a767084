namespace Mailroom.Edge.Devices.Keypads;

/// <summary>The kinds of <see cref="KeyMatrixReport"/>.</summary>
public enum KeyMatrixReportKind
{
    /// <summary>One key went down, alone, from a pad with no key down, and stayed down for the debounce time.</summary>
    Pressed,

    /// <summary>Several keys read closed at once (two fingers, or a ghost of three on a matrix without diodes): no key
    /// is taken until every key is released.</summary>
    SeveralKeys,

    /// <summary>A key has read closed for longer than a person holds one: stuck, shorted, or something leaning on it.
    /// The pad takes no key until it opens.</summary>
    Stuck,
}
