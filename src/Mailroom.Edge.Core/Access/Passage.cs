namespace Mailroom.Edge.Core.Access;

/// <summary>
/// A credential's last passage through an entry or exit reader, as anti-passback remembers it. <see cref="At"/> is
/// the wall-clock time, kept only when the clock was trusted then (null otherwise): after a restart it is all that says
/// how long ago the passage was, and an untrusted time must not pretend to.
/// </summary>
public sealed record Passage(string Credential, ReaderDirection Direction, DateTimeOffset? At);
