namespace Mailroom.Edge.Core.Access;

/// <summary>
/// The port where anti-passback memory outlives the process (SQLite in the data directory in production), so a reboot
/// does not let everyone pass back. <see cref="Record"/> is called on the door path and must not wait for the disk:
/// the adapter writes behind. <see cref="Load"/> runs once, at start.
/// </summary>
public interface IPassageLog
{
    IReadOnlyList<Passage> Load();

    void Record(Passage passage);
}
