namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>Bits [Start, Start + Length) of a frame, in transmission order (0 = first bit sent).</summary>
public readonly record struct BitRange(int Start, int Length)
{
    public int End => Start + Length;

    public bool Contains(int bit) => bit >= Start && bit < End;
}
