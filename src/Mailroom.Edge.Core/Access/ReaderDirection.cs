namespace Mailroom.Edge.Core.Access;

/// <summary>Which way a reader lets people through, for anti-passback.</summary>
public enum ReaderDirection
{
    None,
    Entry,
    Exit,
}
