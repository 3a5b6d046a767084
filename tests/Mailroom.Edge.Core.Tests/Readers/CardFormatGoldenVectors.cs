using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers;

/// <summary>
/// Golden vectors for every shipped format, computed independently of the C# codec: a short python3 calculation from
/// the published layouts (HID format descriptions as restated by ooaccess.com/kb "37 Bit Card Format (with facility
/// code)", rfideas.com "proximity card formats", and the Corporate 1000 pair masks), with the Corporate 1000 masks
/// cross-checked against the LSB-first word masks in Proxmark3's client/src/wiegand_formats.c (0xB6DB6DB6/0x6DB6DB6C
/// with the 35- and 48-bit high words). Each row: format, bits (first sent first), facility, number.
/// </summary>
internal static class CardFormatGoldenVectors
{
    public static TheoryData<string, string, uint?, ulong> Rows { get; } = new()
    {
        { "H10301", "10000000100000000000000010", 1u, 1ul },
        { "H10301", "10010101000000011111010010", 42u, 1001ul },
        { "H10301", "01111111111111111111111111", 255u, 65535ul },
        { "H10302", "0000000000000000000000000000000000010", null, 1ul },
        { "H10302", "1000000001110101101111001101000101011", null, 123456789ul },
        { "H10302", "0111111111111111111111111111111111111", null, 34359738367ul },
        { "H10304", "1000000000000000100000000000000000010", 1u, 1ul },
        { "H10304", "1000000000010101000000000011111010010", 42u, 1001ul },
        { "H10304", "0111111111111111111111111111111111111", 65535u, 524287ul },
        { "H10306", "1000000000000000100000000000000010", 1u, 1ul },
        { "H10306", "1000000000010101000000011111010010", 42u, 1001ul },
        { "H10306", "0111111111111111111111111111111111", 65535u, 65535ul },
        { "C1000-35", "11000000000001000000000000000000011", 1u, 1ul },
        { "C1000-35", "11000000101010000000000011111010011", 42u, 1001ul },
        { "C1000-35", "10111111111111111111111111111111110", 4095u, 1048575ul },
        { "C1000-35", "00110111000010000111100010010000001", 3522u, 123456ul },
        { "C1000-48", "010000000000000000000001000000000000000000000010", 1u, 1ul },
        { "C1000-48", "010000000000000000101010000000000000011111010010", 42u, 1001ul },
        { "C1000-48", "101111111111111111111111111111111111111111111111", 4194303u, 8388607ul },
        { "C1000-48", "110100101101011010000111111010011001011101100011", 1234567u, 7654321ul },
    };
}
