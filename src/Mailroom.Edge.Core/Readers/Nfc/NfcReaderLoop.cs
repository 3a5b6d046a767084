using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Readers.Nfc;

/// <summary>
/// One NFC reader: opens its chip, looks for a card every <see cref="NfcTiming.PollInterval"/>, and presents each new
/// card to the door's <see cref="AccessPoint"/> once (a card resting on the reader is one presentation; it must leave
/// the field, or another card come, before it presents again). A chip that cannot be opened or stops answering raises
/// <c>alarm.reader_offline</c> after <see cref="NfcTiming.OfflineAfter"/> failures in a row, is closed and opened again
/// (a reset) every <see cref="NfcTiming.Reopen"/>, and clears the alarm when it answers. Run by one thread, which calls
/// <see cref="PollOnce"/> and waits what it returns; nothing here throws to that thread.
/// </summary>
public sealed class NfcReaderLoop : IDisposable
{
    private readonly Func<INfcChip> _open;
    private readonly AccessPoint _point;
    private readonly IEventPort _events;
    private readonly TimeProvider _time;
    private readonly NfcTiming _timing;
    private INfcChip? _chip;
    private CardUid? _present;
    private int _absent;
    private int _failures;
    private bool _offlineRaised;

    public NfcReaderLoop(Func<INfcChip> open, AccessPoint point, IEventPort events, TimeProvider time, NfcTiming? timing = null)
    {
        _open = open;
        _point = point;
        _events = events;
        _time = time;
        _timing = timing ?? NfcTiming.Default;
    }

    public ReaderId Reader => _point.Reader;

    public DoorId Door => _point.Door;

    public NfcReaderCounters Counters { get; } = new();

    /// <summary>One look for a card (opening the chip first when it is closed); returns how long to wait before the next.</summary>
    public TimeSpan PollOnce()
    {
        Counters.Polled();
        NfcDetection? detection;
        try
        {
            if (_chip is null)
            {
                _chip = _open();
                Counters.Opened(_chip.Identity);
            }
            detection = _chip.Detect();
        }
        catch (Exception e) when (e is NfcChipException or IOException or UnauthorizedAccessException or TimeoutException or InvalidOperationException)
        {
            return Failed(e.Message);
        }
        Answered();
        if (detection is null)
        {
            if (++_absent >= _timing.AbsentPolls)
                _present = null;
            return _timing.PollInterval;
        }
        _absent = 0;
        if (detection.Uid.Equals(_present))
            return _timing.PollInterval;
        _present = detection.Uid;
        Counters.CardPresented(_time.GetUtcNow());
        _point.Decide(detection.Uid);
        return _timing.PollInterval;
    }

    private TimeSpan Failed(string problem)
    {
        Counters.Failed(problem);
        _present = null;
        // A chip that failed is in an unknown state (a half-read frame, a wedged SPI transfer): closed, and opened again.
        CloseChip();
        if (++_failures < _timing.OfflineAfter)
            return _timing.PollInterval;
        Counters.SetOnline(false);
        if (!_offlineRaised)
        {
            _offlineRaised = true;
            _events.Emit(new AlarmEvent(_time.GetUtcNow(), Door, AlarmKind.ReaderOffline, true, Reader.Value,
                $"the NFC chip failed {_failures} times in a row: {problem}"));
        }
        return _timing.Reopen;
    }

    private void Answered()
    {
        _failures = 0;
        Counters.SetOnline(true);
        if (!_offlineRaised)
            return;
        _offlineRaised = false;
        _events.Emit(new AlarmEvent(_time.GetUtcNow(), Door, AlarmKind.ReaderOffline, false, Reader.Value));
    }

    private void CloseChip()
    {
        try
        {
            _chip?.Dispose();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Closing a chip that already failed can fail again; it is being dropped either way.
        }
        _chip = null;
    }

    public void Dispose() => CloseChip();
}
