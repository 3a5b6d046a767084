namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>Whether a parity bit makes the number of ones over its covered bits (itself included) even or odd.</summary>
public enum ParitySense
{
    Even,
    Odd,
}
