namespace Mailroom.Edge.Host.Assessment;

/// <summary>
/// One weakness the security self-assessment found: a stable <see cref="Id"/> (snake_case, for scripts and the central
/// side), what it is about (<see cref="Subject"/>: a door, a reader, a file, the broker), the <see cref="Evidence"/> seen
/// in the configuration or on the device, and the <see cref="Fix"/>.
/// </summary>
public sealed record Finding(string Id, FindingSeverity Severity, string Subject, string Evidence, string Fix);
