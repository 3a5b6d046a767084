using System.Text.Json;
using Mailroom.Edge.KernelLane.Tests.GpioSim;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.KernelLane.Tests.Agent;

/// <summary>
/// One door wired to a gpio-sim chip laid out like a Pi header, and the configuration file the agent runs with:
/// strike GPIO17, DPS GPIO22, REX GPIO25, tamper GPIO26, a panic button GPIO27 (auxiliary input), a Wiegand reader on
/// GPIO23/GPIO24, one enrolled card (H10301 42/1001), a broker inside the guest. The wires idle as a closed, quiet
/// door: gpio-sim models the circuit by the line's pull, so the DPS (a reed that reads high when the door opens)
/// is requested with a pull-down here, and the buttons (to ground) with the default pull-up.
/// </summary>
public sealed class LaneSite : IDisposable
{
    public const string Site = "lane";
    public const string Device = "edge-1";
    private readonly TempDirectory _data = new("mailroom-lane-agent");

    public LaneSite(string label, int brokerPort, params GpioSimHog[] hogs)
    {
        Chip = GpioSimChip.Create(GpioSimLayout.PiHeader(label, hogs));
        Reader = new WiegandPulseGenerator(Chip.Line("GPIO23"), Chip.Line("GPIO24"));
        ConfigPath = _data.File("mailroom-edge.json");
        var seed = _data.File("credentials.csv");
        File.WriteAllLines(seed, ["format,facility,number,holder,enabled,valid_from,valid_until,responder", "H10301,42,1001,Ada Lovelace,true,,"]);
        var config = new
        {
            Site,
            Device,
            DataDirectory = _data.Path,
            Mqtt = new { Host = "127.0.0.1", Port = brokerPort, ReconnectDelayMin = "00:00:00.5", ReconnectDelayMax = "00:00:02" },
            Gpio = new { Chip = label, EventBufferSize = 256 },
            Doors = new Dictionary<string, object>
            {
                ["front"] = new
                {
                    Strike = new { Line = "GPIO17", EnergiseToUnlock = true },
                    GrantTime = "00:00:01",
                    RelockOn = "GrantTime",
                    // The test presses exit right after a grant; by default that press would be (rightly) ignored.
                    ExitIgnoreAfterGrant = "00:00:00",
                    Dps = new { Line = "GPIO22", ActiveLow = false, Bias = "PullDown" },
                    Rex = new { Line = "GPIO25" },
                    Tamper = new { Line = "GPIO26" },
                },
            },
            AuxInputs = new Dictionary<string, object> { ["panic"] = new { Input = new { Line = "GPIO27" }, Door = "front" } },
            Readers = new Dictionary<string, object> { ["front-in"] = new { Door = "front", D0 = "GPIO23", D1 = "GPIO24", Formats = new[] { "H10301" } } },
            Credentials = new { SeedCsv = seed },
            Logs = new { Directory = "", MinimumLevel = "Information" },
        };
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(config));
    }

    public string Root => $"mailroom/v1/{Site}/{Device}";

    public GpioSimChip Chip { get; }

    public WiegandPulseGenerator Reader { get; }

    public string ConfigPath { get; }

    public GpioSimLine Strike => Chip.Line("GPIO17");

    /// <summary>Puts every wire at rest: door closed (DPS low), buttons released (high), reader lines idle (high).</summary>
    public void Rest()
    {
        Chip.Line("GPIO22").Drive(false);
        foreach (var button in new[] { "GPIO25", "GPIO26", "GPIO27" }) Chip.Line(button).Drive(true);
        Reader.Idle();
    }

    public void Dispose()
    {
        Chip.Dispose();
        _data.Dispose();
    }
}
