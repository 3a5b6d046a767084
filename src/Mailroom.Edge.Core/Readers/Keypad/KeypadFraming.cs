namespace Mailroom.Edge.Core.Readers.Keypad;

/// <summary>How a keypad frames its keys on Wiegand (see <see cref="KeypadDecoder"/>).</summary>
public enum KeypadFraming
{
    /// <summary>One 4-bit frame per key.</summary>
    FourBit,

    /// <summary>One 8-bit frame per key: complement nibble, then the key.</summary>
    EightBit,

    /// <summary>Up to six keys per 26-bit frame.</summary>
    Packed26,
}
