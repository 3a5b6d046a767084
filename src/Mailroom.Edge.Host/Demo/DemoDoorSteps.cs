using System.Threading.Channels;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Simulation;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// The door's part of the demo, on the simulated reader, keypad and contacts: cards granted and denied (two formats),
/// a PIN refused at a card-only door, a forced door (and its camera clip), a door held open, a lockdown.
/// </summary>
internal sealed class DemoDoorSteps(
    SimulatedGpioChip chip, SimulatedContacts contacts, DoorSite site, DemoNarrator narrator, ChannelReader<AppendedEvent>? camera)
{
    private const string DemoPin = "4711";

    /// <summary>Cards presented at the front reader, which accepts H10301 then H10304.</summary>
    private static readonly (string Label, CardFormat Format, uint Facility, ulong Number)[] Swipes =
    [
        ("enrolled card of Ada Lovelace", CardFormats.H10301, DemoOptions.Facility, 1001),
        ("unknown card", CardFormats.H10301, DemoOptions.Facility, 4242),
        ("disabled card of Grace Hopper", CardFormats.H10301, DemoOptions.Facility, 1002),
        ("expired card of Alan Turing", CardFormats.H10301, DemoOptions.Facility, 1003),
        ("37-bit H10304 card of Katherine Johnson", CardFormats.H10304, 4242, 500_001),
    ];

    private readonly SimulatedWiegandReader _reader = new(chip, chip.ResolveLine("GPIO23"), chip.ResolveLine("GPIO24"), TimeProvider.System);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await CardsAsync(cancellationToken);
        await PinAtACardOnlyDoorAsync(cancellationToken);
        await ForcedDoorAsync(cancellationToken);
        await HeldDoorAsync(cancellationToken);
        await LockdownAsync(cancellationToken);
    }

    private async Task CardsAsync(CancellationToken cancellationToken)
    {
        foreach (var (label, format, facility, number) in Swipes)
        {
            narrator.Step($"presenting the {label} ({format.Name} facility {facility}, number {number})");
            await _reader.SendAsync(CardFormatCodec.Encode(format, facility, number), cancellationToken);
            var appended = await narrator.NextAccessEventAsync(cancellationToken);
            narrator.Show(appended);
            if (appended.Event is AccessEvent { Decision.Granted: true })
                await narrator.WaitForRelockAsync(cancellationToken);
        }
    }

    private async Task PinAtACardOnlyDoorAsync(CancellationToken cancellationToken)
    {
        narrator.Step($"typing a {DemoPin.Length}-digit PIN and # on the keypad (4-bit bursts) with no card: the door is card-only, so a PIN alone is refused; the PIN itself is never logged or published");
        var keypad = new SimulatedWiegandReader(chip, chip.ResolveLine("GPIO5"), chip.ResolveLine("GPIO6"), TimeProvider.System);
        await keypad.SendKeysAsync(DemoPin + "#", KeypadFraming.FourBit, TimeSpan.FromMilliseconds(150), cancellationToken);
        var pinEntry = await narrator.NextAccessEventAsync(cancellationToken);
        narrator.Show(pinEntry, pinEntry.Event is PinEntryEvent p ? $", {p.Outcome}, {p.Digits} digits" : null);
    }

    private async Task ForcedDoorAsync(CancellationToken cancellationToken)
    {
        if (camera is not null)
        {
            narrator.Step("waiting for the door camera's recorder (ffmpeg, RTSP over TCP, 1 s segments) to come up");
            narrator.Show(await DemoNarrator.WaitForAsync(camera, "system.camera_up", TimeSpan.FromSeconds(60), cancellationToken), "");
        }
        narrator.Step("the front door is forced open (door position switch opens without a grant), then closed");
        contacts.OpenDoor("front");
        await narrator.NarrateUntilAsync("alarm.forced_open", cancellationToken);
        contacts.CloseDoor("front");
        await narrator.NarrateUntilAsync("alarm.forced_open_cleared", cancellationToken);
        if (camera is not null)
        {
            narrator.Step("the camera's clip of the forced door (2 s before to 2 s after), exported when the post-roll has passed");
            var clip = await DemoNarrator.WaitForAsync(camera, "clip.ready", TimeSpan.FromSeconds(60), cancellationToken);
            narrator.Show(clip, $": {DemoNarrator.ClipSummary(clip)}");
        }
    }

    private async Task HeldDoorAsync(CancellationToken cancellationToken)
    {
        narrator.Step("Ada badges in, opens the door and props it open (held-open warning after 1 s, alarm after 2 s)");
        await _reader.SendAsync(CardFormatCodec.Encode(CardFormats.H10301, DemoOptions.Facility, 1001), cancellationToken);
        await narrator.NarrateUntilAsync("access.granted", cancellationToken);
        contacts.OpenDoor("front");
        await narrator.WaitForRelockAsync(cancellationToken);
        await narrator.NarrateUntilAsync("alarm.held_open", cancellationToken);
        contacts.CloseDoor("front");
        await narrator.NarrateUntilAsync("alarm.held_open_cleared", cancellationToken);
    }

    private async Task LockdownAsync(CancellationToken cancellationToken)
    {
        narrator.Step("lockdown of every door (as the central server's lockdown command does); Ada is not a responder");
        site.SetLockdown(null, true, "command", "demo operator");
        await narrator.NarrateUntilAsync("lockdown.started", cancellationToken);
        await _reader.SendAsync(CardFormatCodec.Encode(CardFormats.H10301, DemoOptions.Facility, 1001), cancellationToken);
        await narrator.NarrateUntilAsync("access.denied", cancellationToken);
        site.SetLockdown(null, false, "command", "demo operator");
        await narrator.NarrateUntilAsync("lockdown.ended", cancellationToken);
    }
}
