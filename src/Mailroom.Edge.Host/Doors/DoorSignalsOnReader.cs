using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers.Feedback;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// Shows a door's local signals on one of its readers: the held-open pre-alarm beeps (docs/configuration.md,
/// <c>HeldOpenWarning</c>) and a lockdown blinks, until they end. Driven by the door directly, not by committed events,
/// so the reader reacts at once whatever the disk is doing.
/// </summary>
public sealed class DoorSignalsOnReader : IDisposable
{
    private readonly DoorController _door;
    private readonly ReaderFeedbackPlayer _feedback;
    private readonly FeedbackPattern _heldOpenWarning;
    private readonly FeedbackPattern _lockdown;

    public DoorSignalsOnReader(DoorController door, ReaderFeedbackPlayer feedback, FeedbackPattern heldOpenWarning, FeedbackPattern lockdown)
    {
        _door = door;
        _feedback = feedback;
        _heldOpenWarning = heldOpenWarning;
        _lockdown = lockdown;
        door.Annunciate += OnHeldOpenWarning;
        door.LockdownShown += OnLockdown;
    }

    private void OnHeldOpenWarning(DoorId door, bool active) => Show(active, _heldOpenWarning);

    private void OnLockdown(DoorId door, bool active) => Show(active, _lockdown);

    private void Show(bool active, FeedbackPattern pattern)
    {
        if (active)
            _feedback.Play(pattern);
        else if (_feedback.Playing == pattern.Name)
            _feedback.Stop();
    }

    public void Dispose()
    {
        _door.Annunciate -= OnHeldOpenWarning;
        _door.LockdownShown -= OnLockdown;
    }
}
