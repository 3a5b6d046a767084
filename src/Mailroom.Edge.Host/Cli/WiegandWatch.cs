using System.Text.Json;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge wiegand watch --reader NAME</c>: requests one configured reader's D0/D1 lines and prints each frame
/// as it arrives — outcome, bits, bit intervals, and every accepted format it decodes as — one JSON object
/// per line, until Ctrl-C. For installers at the door (stop the service first: it holds the lines). Ctrl-C or SIGTERM
/// is how it is meant to end, so it exits 0 then.
/// </summary>
internal static class WiegandWatch
{
    public static async Task<int> RunAsync(EdgeOptions options, string readerName, TextWriter output, CancellationToken cancellationToken)
    {
        using var stop = new StopOnSignal(cancellationToken);
        return await WatchAsync(options, readerName, output, stop.Token);
    }

    private static async Task<int> WatchAsync(EdgeOptions options, string readerName, TextWriter output, CancellationToken cancellationToken)
    {
        if (!options.Readers.TryGetValue(readerName, out var reader))
        {
            await Console.Error.WriteLineAsync($"wiegand watch: no reader named '{readerName}' (readers: {string.Join(", ", options.Readers.Keys)})");
            return ExitCodes.BadConfiguration;
        }
        if (!reader.HasDataLines)
        {
            await Console.Error.WriteLineAsync($"wiegand watch: reader '{readerName}' is a {reader.Kind} reader, not on Wiegand data lines");
            return ExitCodes.BadConfiguration;
        }
        try
        {
            using var chip = GpioChips.Open(options.Gpio.Chip, TimeProvider.System);
            // The agent's own reader assembly, listening only: the door's outputs are left alone.
            var formats = ReaderAssembly.Formats(options, reader);
            using var input = ReaderAssembly.Listen(chip, $"mailroom-edge:watch:{readerName}", reader, options.Gpio.EventBufferSize);
            var loop = new WiegandReaderLoop(chip, input.Lines, input.Assembler, TimeProvider.System);
            await Console.Error.WriteLineAsync($"watching reader {readerName} on {reader.D0}/{reader.D1} ({chip.Name}); Ctrl-C to stop");
            try
            {
                await loop.RunAsync(frame =>
                {
                    output.WriteLine(Describe(readerName, frame, formats));
                    output.Flush();
                    return ValueTask.CompletedTask;
                }, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: the user's stop, a normal end.
            }
            return ExitCodes.Ok;
        }
        catch (GpioException e)
        {
            await Console.Error.WriteLineAsync($"wiegand watch: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    internal static string Describe(string reader, WiegandFrame frame, IReadOnlyList<CardFormat> formats)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("reader", reader);
            json.WriteString("outcome", frame.Outcome.ToString().ToLowerInvariant());
            json.WriteNumber("bits", frame.BitCount);
            if (frame.Bits is { } bits)
                json.WriteString("raw", bits.ToString());
            if (frame.Problem is { } problem)
                json.WriteString("problem", problem);
            json.WriteNumber("interval_min_us", frame.MinIntervalNs / 1000.0);
            json.WriteNumber("interval_max_us", frame.MaxIntervalNs / 1000.0);
            json.WriteNumber("frame_ms", (frame.LastEdgeNs - frame.FirstEdgeNs) / 1e6);
            json.WriteStartArray("decoded");
            if (frame.Bits is { } complete)
            {
                foreach (var format in formats)
                {
                    var result = CardFormatCodec.Decode(complete, format);
                    json.WriteStartObject();
                    json.WriteString("format", format.Name);
                    if (result.Credential is { } card)
                    {
                        if (card.Facility is { } facility)
                            json.WriteNumber("facility", facility);
                        json.WriteNumber("number", card.Number);
                    }
                    else
                    {
                        json.WriteString("error", result.Error);
                    }
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
