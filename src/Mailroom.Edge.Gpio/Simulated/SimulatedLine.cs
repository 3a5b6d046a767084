using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>The state of one simulated line. Lines idle high, as pulled-up Wiegand data lines and switches do.</summary>
internal sealed class SimulatedLine(uint offset, string name)
{
    public LineOffset Offset { get; } = new(offset);

    public string Name { get; } = name;

    public string? Consumer { get; set; }

    public bool IsOutput { get; set; }

    public bool ActiveLow { get; set; }

    public bool PhysicalHigh { get; set; } = true;

    public EdgeDetection Edges { get; set; }

    public SimulatedInputRequest? InputRequest { get; set; }

    public uint LineSeqNo { get; set; }
}
