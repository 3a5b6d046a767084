namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Per-reader counters for the installer: frames that decoded, parity errors, frames no accepted format knows, partial
/// (invalid) frames, noise bursts, overflows (a full event buffer or the 64-bit frame limit) and edges the kernel missed
/// (its interrupt thread ran late: load, not buffer size), plus the last
/// raw frame with its bit intervals. The reader loop feeds <see cref="RecordFrame"/>; the access point feeds the decode
/// result. A wiring fault shows here as a pattern: noise only (loose ground), partial frames (a crossed D0/D1), parity
/// errors at one length (a wrong format on the reader).
/// </summary>
public sealed class ReaderDiagnostics
{
    private readonly Lock _gate = new();
    private long _ok, _parity, _unknown, _partial, _noise, _overflow, _missed;
    private WiegandFrame? _last;

    public void RecordFrame(WiegandFrame frame)
    {
        lock (_gate)
        {
            _last = frame;
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
    }

    public ReaderDiagnosticsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ReaderDiagnosticsSnapshot(_ok, _parity, _unknown, _partial, _noise, _overflow, _missed,
                _last?.Bits?.ToString(), _last?.BitCount ?? 0, _last?.Problem,
                _last?.MinIntervalNs ?? 0, _last?.MaxIntervalNs ?? 0);
        }
    }

    // The assembler words these causes; they are the ones an installer fixes differently (load, not wiring).
    private static bool IsOverflow(string? problem) =>
        problem is not null && (problem.Contains(WiegandFrameAssembler.OverflowCause, StringComparison.Ordinal)
                                || problem.Contains($"more than {WiegandBits.MaxLength} bits", StringComparison.Ordinal));
}
