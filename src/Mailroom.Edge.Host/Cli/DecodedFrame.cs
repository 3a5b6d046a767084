namespace Mailroom.Edge.Host.Cli;

/// <summary>The JSON line <c>wiegand decode</c> prints.</summary>
internal sealed record DecodedFrame(int Bits, string Format, uint? Facility, ulong Number, string Parity);
