namespace Mailroom.Edge.Core.Hardware;

/// <summary>The offset of a line on its GPIO chip, as the kernel numbers it (not the header pin number).</summary>
public readonly record struct LineOffset(uint Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
