using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Storage.Credentials;
using Serilog.Events;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// The demo device: one front door (strike, door position switch, exit button) with a card reader and a keypad on the
/// simulated chip, four enrolled cards, timings short enough to watch. Also the base of the end-to-end tests' agent.
/// </summary>
public static class DemoOptions
{
    public const uint Facility = 42;

    /// <summary>The demo's NFC card (Mary Jackson), a 7-byte UID; enrolled as format Uid, its number the UID's value.</summary>
    public const string NfcCardUid = "04A22B1AC35D80";

    public static EdgeOptions Create(string dataDirectory, string brokerHost, int brokerPort)
    {
        var seed = Path.Combine(dataDirectory, "credentials.csv");
        File.WriteAllLines(seed,
        [
            CredentialCsv.Header,
            $"H10301,{Facility},1001,Ada Lovelace,true,,",
            $"H10301,{Facility},1002,Grace Hopper,false,,",
            $"H10301,{Facility},1003,Alan Turing,true,2020-01-01T00:00:00Z,2021-01-01T00:00:00Z",
            "H10304,4242,500001,Katherine Johnson,true,,",
            $"Uid,,{Convert.ToUInt64(NfcCardUid, 16)},Mary Jackson,true,,",
        ]);
        return new EdgeOptions
        {
            Site = "demo",
            Device = "edge-1",
            DataDirectory = dataDirectory,
            Mqtt = new MqttOptions { Host = brokerHost, Port = brokerPort, ReconnectDelayMin = TimeSpan.FromMilliseconds(500), ReconnectDelayMax = TimeSpan.FromSeconds(2) },
            Gpio = new GpioOptions { Chip = GpioChips.Simulated },
            Doors =
            {
                ["front"] = new DoorOptions
                {
                    Strike = new StrikeOptions { Line = "GPIO17" },
                    GrantTime = TimeSpan.FromSeconds(1),
                    Dps = new InputLineOptions { Line = "GPIO22" },
                    Rex = new InputLineOptions { Line = "GPIO25" },
                    // Short, so the demo shows the warning and the alarm in seconds (the defaults are 20 s and 30 s).
                    HeldOpenWarning = TimeSpan.FromSeconds(1),
                    HeldOpenTime = TimeSpan.FromSeconds(2),
                },
            },
            Readers =
            {
                ["front-in"] = new ReaderOptions { Door = "front", D0 = "GPIO23", D1 = "GPIO24", Formats = ["H10301", "H10304"] },
                ["front-keypad"] = new ReaderOptions { Door = "front", Kind = ReaderKind.Keypad, D0 = "GPIO5", D1 = "GPIO6" },
            },
            Credentials = new CredentialOptions { SeedCsv = seed },
            Logs = new LogOptions { Directory = null, MinimumLevel = LogEventLevel.Warning },
        };
    }

    /// <summary>A camera over the front door: a clip for a forced door, with a short pre- and post-roll for the demo.</summary>
    public static void AddDoorCamera(EdgeOptions options, string url)
    {
        options.Cameras["door-cam"] = new CameraOptions
        {
            Url = url,
            Doors = ["front"],
            PreRoll = TimeSpan.FromSeconds(2),
            PostRoll = TimeSpan.FromSeconds(2),
            Triggers = ["alarm.forced_open"],
        };
        options.Video.RingDirectory = Path.Combine(options.DataDirectory, "ring");
        options.Video.ClipDirectory = Path.Combine(options.DataDirectory, "clips");
    }
}
