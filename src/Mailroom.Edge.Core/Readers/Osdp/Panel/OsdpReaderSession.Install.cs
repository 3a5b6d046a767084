using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

// Install mode: an operator's time-limited window in which SCBK-D may be used, once, to give a reader its own key.
public sealed partial class OsdpReaderSession
{
    /// <summary>Whether install mode is on (the default key is allowed until it ends).</summary>
    public bool Installing
    {
        get
        {
            lock (_gate)
                return _installUntil is not null;
        }
    }

    /// <summary>
    /// An operator allows the default key SCBK-D for <paramref name="duration"/>: a reader that cannot start a session on
    /// its own key is tried on SCBK-D and, once in that session, immediately given a fresh random key of its own.
    /// </summary>
    public void BeginInstall(TimeSpan duration, string? by)
    {
        DateTimeOffset until;
        List<DomainEvent> events = [];
        lock (_gate)
        {
            _installUntil = _time.GetTimestamp() + (long)(duration.TotalSeconds * _time.TimestampFrequency);
            until = _time.GetUtcNow() + duration;
            _notBefore = 0;
            events.Add(new ReaderInstallEvent(_time.GetUtcNow(), _profile.Door, _profile.Reader, "started", Until: until, By: by));
            // A reader in a session on its own key has nothing to install: the window closes at once.
            if (_step == Step.Online && _secure is not null && !_handshakeOnDefaultKey)
                EndInstallLocked("already_keyed", events);
        }
        EmitAll(events);
        Wake?.Invoke();
    }

    /// <summary>Ends install mode before its time (an operator's cancel or the service stopping).</summary>
    public void CancelInstall() => EndInstall("cancelled");

    private void EndInstall(string outcome)
    {
        List<DomainEvent> events = [];
        lock (_gate)
            EndInstallLocked(outcome, events);
        EmitAll(events);
    }

    private void EndInstallLocked(string outcome, List<DomainEvent> events)
    {
        if (_installUntil is null)
            return;
        _installUntil = null;
        events.Add(new ReaderInstallEvent(_time.GetUtcNow(), _profile.Door, _profile.Reader, "ended", outcome));
        if (_handshakeOnDefaultKey && _step == Step.Online)
        {
            // Still on the default key when install mode ends: that session must not outlive it.
            RestartLater(TimeSpan.Zero);
        }
    }
}
