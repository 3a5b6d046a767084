namespace Mailroom.Edge.Devices.Keypads;

/// <summary>What the <see cref="KeyMatrixTracker"/> made of the scans: a key press, or a problem an installer must
/// hear of. Problems never feed PIN entry.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Labels">The keys involved, as printed on them.</param>
/// <param name="Problem">For a problem, the diagnostic for the log and the <c>reader.frame_rejected</c> event.</param>
public sealed record KeyMatrixReport(KeyMatrixReportKind Kind, string Labels, string? Problem = null)
{
    /// <summary>The one key pressed, for <see cref="KeyMatrixReportKind.Pressed"/>.</summary>
    public char Label => Labels[0];
}
