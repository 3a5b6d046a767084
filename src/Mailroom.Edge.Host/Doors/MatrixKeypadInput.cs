using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Host.Configuration;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// A matrix keypad as <see cref="ReaderAssembly"/> built it: its lines held (rows floating, columns pulled up), its
/// layout and its tracker, not yet scanning. <see cref="Start"/> begins the scan loop on a thread of its own, feeding
/// keys to the reader's access point; disposing stops it and releases the lines.
/// </summary>
public sealed class MatrixKeypadInput(KeyMatrixLines lines, KeyMatrixLayout layout, KeyMatrixTracker tracker, TimeSpan interval) : IDisposable
{
    private KeyMatrixScanLoop? _loop;

    public KeyMatrixLines Lines => lines;

    public KeyMatrixLayout Layout => layout;

    public TimeSpan Interval => interval;

    /// <summary>Builds the input from a reader's settings, requesting its lines.</summary>
    public static MatrixKeypadInput Request(Core.Hardware.IGpioChip chip, string consumer, ReaderOptions settings, TimeProvider time)
    {
        if (KeyMatrixLayout.TryCreate(settings.Rows.Count, settings.Columns.Count, settings.Keys, out var layout) is { } problem)
            throw new ConfigurationException($"a matrix keypad's Keys: {problem}");
        var lines = KeyMatrixLines.Request(chip, consumer,
            [.. settings.Rows.Select(chip.ResolveLine)], [.. settings.Columns.Select(chip.ResolveLine)]);
        var tracker = new KeyMatrixTracker(layout!, time, settings.KeyDebounce, MatrixKeypadCheck.StuckAfter);
        return new MatrixKeypadInput(lines, layout!, tracker, settings.ScanInterval);
    }

    /// <summary>Starts scanning: each key into <paramref name="reader"/>'s access point, each problem logged and
    /// emitted as <c>reader.frame_rejected</c>. Returns the loop (for its scan count and signal).</summary>
    public KeyMatrixScanLoop Start(AssembledReader reader, TimeProvider time, ILogger logger, Func<IDisposable?>? busy = null)
    {
        if (_loop is not null)
            throw new InvalidOperationException($"reader {reader.Name} is already scanning");
        _loop = new KeyMatrixScanLoop(lines, tracker, time, interval, reader.Name.Value,
            report => Handle(reader, report, logger),
            e => logger.LogError(e, "{Reader}: scanning the keypad failed; scanning goes on", reader.Name))
        {
            Busy = busy,
        };
        _loop.Start();
        return _loop;
    }

    /// <summary>One scan now, on the caller's thread, handled as the loop handles it: for the scenario simulator, which
    /// runs the keypad on its virtual clock without the loop. Never while the loop runs.</summary>
    public void ScanOnce(AssembledReader reader, ILogger logger)
    {
        if (_loop is not null)
            throw new InvalidOperationException($"reader {reader.Name} is scanned by its loop");
        if (tracker.OnScan(lines.Scan()) is { } report)
            Handle(reader, report, logger);
    }

    /// <summary>What a report does: a digit, <c>*</c> or <c>#</c> goes to PIN entry; a letter is logged and ignored; a
    /// problem (several keys, a stuck key) is logged and emitted, and never reaches PIN entry.</summary>
    internal static void Handle(AssembledReader reader, KeyMatrixReport report, ILogger logger)
    {
        if (report.Kind != KeyMatrixReportKind.Pressed)
        {
            logger.LogWarning("{Reader}: {Problem}", reader.Name, report.Problem);
            reader.AccessPoint.RejectKeys(report.Problem!);
            return;
        }
        if (KeyMatrixLayout.PinKey(report.Label) is not { } key)
        {
            logger.LogInformation("{Reader}: key {Label} has no function in PIN entry; ignored", reader.Name, report.Label);
            return;
        }
        var (decision, _) = reader.AccessPoint.DecideKeys([key]);
        if (decision is not null)
        {
            logger.LogInformation("{Reader}: PIN {Verdict}{Reason}", reader.Name, decision.Granted ? "granted" : "denied",
                decision.Reason is { } r ? $" ({Core.Events.WireNames.Of(r)})" : "");
        }
    }

    public void Dispose()
    {
        if (_loop is not null)
            _loop.Dispose();
        else
            lines.Dispose();
    }
}
