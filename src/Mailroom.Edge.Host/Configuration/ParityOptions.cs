namespace Mailroom.Edge.Host.Configuration;

/// <summary>One parity bit of a site card format: its position, <c>Even</c> or <c>Odd</c>, and the bits it covers
/// (ranges such as <c>1-12</c>, or interleaved <c>2-3,5-6,8-9</c>).</summary>
public sealed class ParityOptions
{
    public int Position { get; set; }

    public string Sense { get; set; } = "";

    public string Covers { get; set; } = "";
}
