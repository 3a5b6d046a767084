namespace Mailroom.Edge.Core.Readers;

/// <summary>A reader's configured name, e.g. <c>front-in</c>.</summary>
public readonly record struct ReaderId(string Value)
{
    public override string ToString() => Value;
}
