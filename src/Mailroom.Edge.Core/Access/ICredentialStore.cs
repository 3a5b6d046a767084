using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>The port to the enrolled credentials (SQLite in production). Lookups are indexed and synchronous: they run
/// on the door path and take microseconds.</summary>
public interface ICredentialStore
{
    EnrolledCredential? Find(CardCredential card);
}
