namespace Mailroom.Edge.Core.Access;

/// <summary>
/// The port where use counts outlive the process (SQLite in the data directory in production), so a restart does not
/// give a spent one-time pass a second use. <see cref="Record"/> is called on the door path and must not wait for the
/// disk: the adapter writes behind, like <see cref="IPassageLog"/>. <see cref="Load"/> runs once, at start.
/// </summary>
public interface ICredentialUseLog
{
    IReadOnlyList<CredentialUse> Load();

    void Record(CredentialUse use);
}
