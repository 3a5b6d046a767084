namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// A site's own card format (config section <c>CardFormats:{Name}</c>), bound into a
/// <see cref="Core.Readers.Wiegand.CardFormat"/>. Bit positions are 0-based in transmission order and written as
/// inclusive ranges, e.g. <c>"Facility": "1-8"</c>; see docs/card-formats.md.
/// </summary>
public sealed class CardFormatOptions
{
    public int Length { get; set; }

    /// <summary>Facility (site/company) code bits, e.g. <c>1-8</c>; empty when the format has none.</summary>
    public string? Facility { get; set; }

    /// <summary>Card number bits, e.g. <c>9-24</c>.</summary>
    public string Number { get; set; } = "";

    public List<ParityOptions> Parity { get; set; } = [];
}
