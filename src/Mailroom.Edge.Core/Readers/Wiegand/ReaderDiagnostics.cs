namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Per-reader counters for the installer: frames that decoded, parity errors, frames no accepted format knows, partial
/// (invalid) frames, noise bursts, overflows (a full event buffer or the 64-bit frame limit) and edges the kernel missed
/// (its interrupt thread ran late: load, not buffer size), plus the last
/// raw frame with its bit intervals, and the last <see cref="RecentFrameCount"/> presentations as
/// <see cref="ReaderFrameRecord"/>s for the installer's live view. The access point feeds <see cref="RecordFrame"/> and
/// the decode result; the installer's page reads <see cref="RecentFrames"/>. A wiring fault shows here as a pattern: noise only (loose ground), partial frames (a crossed D0/D1), parity
/// errors at one length (a wrong format on the reader).
/// </summary>
public sealed class ReaderDiagnostics(TimeProvider? time = null)
{
    /// <summary>How many presentations the live view can look back on.</summary>
    public const int RecentFrameCount = 32;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    // Raw facts only: the door path stores them; the page formats them when it reads (RecentFrames).
    private readonly Presentation[] _recent = new Presentation[RecentFrameCount];
    private long _ok, _parity, _unknown, _partial, _noise, _overflow, _missed;
    private long _seq;
    private bool _decodePending;
    private WiegandFrame? _last;
    private bool _lastIsKeys;

    /// <summary>Records a frame as it arrived; <paramref name="keys"/> when it is a keypad's key, kept without its bits.</summary>
    public void RecordFrame(WiegandFrame frame, bool keys = false)
    {
        var at = _time.GetUtcNow();
        lock (_gate)
        {
            _last = frame;
            _lastIsKeys = keys;
            Append(new Presentation { At = at, Frame = frame, Keys = keys, BitCount = frame.BitCount });
            _decodePending = frame.Outcome == WiegandFrameOutcome.Complete;
            switch (frame.Outcome)
            {
                case WiegandFrameOutcome.Noise:
                    _noise++;
                    break;
                case WiegandFrameOutcome.Invalid when IsOverflow(frame.Problem):
                    _overflow++;
                    break;
                case WiegandFrameOutcome.Invalid when frame.Problem?.Contains(WiegandFrameAssembler.MissedEdgeCause, StringComparison.Ordinal) == true:
                    _missed++;
                    break;
                case WiegandFrameOutcome.Invalid:
                    _partial++;
                    break;
            }
        }
    }

    /// <summary>Records how a complete frame decoded: a credential, a parity error, or no format of that length.</summary>
    public void RecordDecode(CardDecodeStatus best)
    {
        lock (_gate)
        {
            Count(best);
            if (_decodePending)
                _recent[_seq % RecentFrameCount] = _recent[_seq % RecentFrameCount] with { Decoded = best };
            _decodePending = false;
        }
    }

    /// <summary>Records how a card decoded, with the credential it gave. A card that came without a frame (an NFC
    /// UID: <paramref name="bitCount"/> bits, <paramref name="raw"/> as read) is recorded here as a presentation of its own.</summary>
    public void RecordDecode(CardDecodeResult decoded, int bitCount, string? raw)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        var at = _time.GetUtcNow();
        lock (_gate)
        {
            Count(decoded.Status);
            if (!_decodePending)
                Append(new Presentation { At = at, BitCount = bitCount, Raw = raw });
            _recent[_seq % RecentFrameCount] = _recent[_seq % RecentFrameCount] with
            {
                Decoded = decoded.Status,
                Card = decoded.Credential,
                Error = decoded.Error,
            };
            _decodePending = false;
        }
    }

    /// <summary>The presentations recorded after <paramref name="afterSeq"/> (0: all kept), oldest first.</summary>
    public IReadOnlyList<ReaderFrameRecord> RecentFrames(long afterSeq = 0)
    {
        lock (_gate)
        {
            var list = new List<ReaderFrameRecord>(RecentFrameCount);
            for (var seq = Math.Max(afterSeq + 1, _seq - RecentFrameCount + 1); seq <= _seq; seq++)
            {
                if (seq > 0)
                    list.Add(_recent[seq % RecentFrameCount].ToRecord());
            }
            return list;
        }
    }

    private void Append(Presentation presentation)
    {
        _seq++;
        _recent[_seq % RecentFrameCount] = presentation with { Seq = _seq };
    }

    /// <summary>One presentation as recorded: a frame (with its decode, once known) or a card that came whole.</summary>
    private readonly record struct Presentation
    {
        public long Seq { get; init; }

        public DateTimeOffset At { get; init; }

        public WiegandFrame? Frame { get; init; }

        public bool Keys { get; init; }

        public int BitCount { get; init; }

        public string? Raw { get; init; }

        public CardDecodeStatus? Decoded { get; init; }

        public CardCredential? Card { get; init; }

        public string? Error { get; init; }

        public ReaderFrameRecord ToRecord()
        {
            var f = Frame;
            return new ReaderFrameRecord(Seq, At, f is null ? "complete" : f.Outcome.ToString().ToLowerInvariant(), BitCount,
                Keys ? null : f is null ? Raw : f.Bits?.ToString(), Keys, f is not null && (f.LastEdgeNs != 0 || f.MaxIntervalNs != 0),
                f?.MinIntervalNs ?? 0, f?.MaxIntervalNs ?? 0, f is null ? 0 : f.LastEdgeNs - f.FirstEdgeNs, f?.Problem ?? Error)
            {
                Decode = Decoded switch
                {
                    null => null,
                    CardDecodeStatus.Ok => "ok",
                    CardDecodeStatus.ParityError => "parity_error",
                    _ => "unknown_format",
                },
                Format = Card?.Format,
                Facility = Card?.Facility,
                Number = Card?.Number,
            };
        }
    }

    private void Count(CardDecodeStatus best)
    {
        switch (best)
        {
            case CardDecodeStatus.Ok:
                _ok++;
                break;
            case CardDecodeStatus.ParityError:
                _parity++;
                break;
            default:
                _unknown++;
                break;
        }
    }

    public ReaderDiagnosticsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ReaderDiagnosticsSnapshot(_ok, _parity, _unknown, _partial, _noise, _overflow, _missed,
                _lastIsKeys ? null : _last?.Bits?.ToString(), _last?.BitCount ?? 0, _last?.Problem,
                _last?.MinIntervalNs ?? 0, _last?.MaxIntervalNs ?? 0);
        }
    }

    // The assembler words these causes; they are the ones an installer fixes differently (load, not wiring).
    private static bool IsOverflow(string? problem) =>
        problem is not null && (problem.Contains(WiegandFrameAssembler.OverflowCause, StringComparison.Ordinal)
                                || problem.Contains($"more than {WiegandBits.MaxLength} bits", StringComparison.Ordinal));
}
