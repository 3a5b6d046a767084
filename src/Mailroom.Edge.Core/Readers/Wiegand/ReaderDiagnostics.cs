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
    private readonly ReaderFrameRecord?[] _recent = new ReaderFrameRecord?[RecentFrameCount];
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
            var timed = frame.LastEdgeNs != 0 || frame.MaxIntervalNs != 0;
            Append(new ReaderFrameRecord(0, at, WireName(frame.Outcome), frame.BitCount, keys ? null : frame.Bits?.ToString(), keys, timed,
                frame.MinIntervalNs, frame.MaxIntervalNs, frame.LastEdgeNs - frame.FirstEdgeNs, frame.Problem));
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
            if (_decodePending && Latest() is { } latest)
                Replace(latest with { Decode = WireName(best) });
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
            var presentation = _decodePending && Latest() is { } latest
                ? latest
                : new ReaderFrameRecord(0, at, "complete", bitCount, raw, false, false, 0, 0, 0, null);
            var card = decoded.Credential;
            var record = presentation with
            {
                Decode = WireName(decoded.Status),
                Format = card?.Format,
                Facility = card?.Facility,
                Number = card?.Number,
                Problem = presentation.Problem ?? decoded.Error,
            };
            if (_decodePending)
                Replace(record);
            else
                Append(record);
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
                if (_recent[seq % RecentFrameCount] is { } record && record.Seq == seq)
                    list.Add(record);
            }
            return list;
        }
    }

    private void Append(ReaderFrameRecord record)
    {
        _seq++;
        _recent[_seq % RecentFrameCount] = record with { Seq = _seq };
    }

    private ReaderFrameRecord? Latest() => _seq == 0 ? null : _recent[_seq % RecentFrameCount];

    private void Replace(ReaderFrameRecord record) => _recent[record.Seq % RecentFrameCount] = record;

    private static string WireName(WiegandFrameOutcome outcome) => outcome.ToString().ToLowerInvariant();

    private static string WireName(CardDecodeStatus status) => status switch
    {
        CardDecodeStatus.Ok => "ok",
        CardDecodeStatus.ParityError => "parity_error",
        _ => "unknown_format",
    };

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
