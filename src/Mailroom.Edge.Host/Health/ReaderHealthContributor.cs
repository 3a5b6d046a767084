using System.Text.Json;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Host.Health;

/// <summary>
/// Adds <c>readers</c> to <c>{root}/health</c>: per reader, the frame counters and the last raw frame with its bit
/// intervals — what an installer needs to tell a wiring fault from a wrong card format at a distance.
/// </summary>
public sealed class ReaderHealthContributor(ReaderDiagnosticsRegistry registry) : IHealthContributor
{
    public void WriteHealth(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("readers");
        foreach (var (reader, diagnostics) in registry.All.OrderBy(r => r.Key.Value, StringComparer.Ordinal))
        {
            var s = diagnostics.Snapshot();
            json.WriteStartObject(reader.Value);
            json.WriteNumber("frames_ok", s.FramesOk);
            json.WriteNumber("parity_errors", s.ParityErrors);
            json.WriteNumber("unknown_format", s.UnknownFrames);
            json.WriteNumber("partial_frames", s.PartialFrames);
            json.WriteNumber("noise", s.NoiseBursts);
            json.WriteNumber("overflows", s.Overflows);
            json.WriteNumber("missed_edges", s.MissedEdges);
            json.WriteNumber("last_bit_count", s.LastBitCount);
            if (s.LastRawBits is { } raw)
                json.WriteString("last_raw", raw);
            if (s.LastProblem is { } problem)
                json.WriteString("last_problem", problem);
            json.WriteNumber("last_interval_min_us", s.LastMinIntervalNs / 1000.0);
            json.WriteNumber("last_interval_max_us", s.LastMaxIntervalNs / 1000.0);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
