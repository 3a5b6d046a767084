using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Assessment;

/// <summary>The findings of the readers and doors: how a credential reaches the agent, and whether a door can tell
/// when it is forced, held or tampered with. Nothing here asks to weaken egress or life safety: a fail-safe maglock, a
/// REX, a free exit are the fire code's choice and never a finding.</summary>
internal static class ReaderAndDoorFindings
{
    public static IEnumerable<Finding> Of(EdgeOptions o, SiteFacts facts)
    {
        foreach (var (name, reader) in o.Readers)
        {
            var subject = $"reader {name}";
            switch (reader.Kind)
            {
                case ReaderKind.Card or ReaderKind.Keypad:
                    yield return new Finding("wiegand_reader", FindingSeverity.Medium, subject,
                        $"Readers:{name}:Kind is {reader.Kind} (Wiegand): the wire is not supervised (a cut or a replaced reader goes unnoticed) and a recorded frame can be replayed",
                        "use an OSDP reader with Secure Channel on RS-485 (Kind Osdp, docs/osdp.md)");
                    break;
                case ReaderKind.Osdp when reader.Security != OsdpSecurity.SecureChannel:
                    yield return new Finding("osdp_without_secure_channel", FindingSeverity.High, subject,
                        $"Readers:{name}:Security is {reader.Security}: card numbers and PINs cross the bus in clear and a reader can be impersonated",
                        "set Security to SecureChannel and install the reader's key (mailroom-edge osdp install, docs/osdp.md)");
                    break;
                case ReaderKind.Nfc:
                    yield return new Finding("nfc_uid_credential", FindingSeverity.Medium, subject,
                        $"Readers:{name} admits a card by its UID, which any phone or blank card can copy",
                        "use OSDP Secure Channel with a secure credential, or make the door CardAndPin (docs/nfc.md)");
                    break;
            }
        }

        var pinDoors = new List<string>();
        foreach (var (name, door) in o.Doors)
        {
            var subject = $"door {name}";
            if (door.Dps is null)
            {
                yield return new Finding("door_without_dps", FindingSeverity.Medium, subject,
                    $"Doors:{name} has no Dps: a forced or propped door raises no alarm",
                    $"wire a door position switch and set Doors:{name}:Dps");
            }
            else if (door.HeldOpenTime > o.Assessment.MaxHeldOpenTime)
            {
                yield return new Finding("held_open_too_long", FindingSeverity.Medium, subject,
                    $"Doors:{name}:HeldOpenTime is {door.HeldOpenTime}, longer than the site's limit {o.Assessment.MaxHeldOpenTime} (Assessment:MaxHeldOpenTime)",
                    "shorten HeldOpenTime (give ExtendedGrantTime to those who need longer)");
            }
            if (door.Tamper is null)
            {
                yield return new Finding("door_without_tamper", FindingSeverity.Low, subject,
                    $"Doors:{name} has no Tamper input: a reader or box opened at the door goes unnoticed",
                    $"wire the reader's or enclosure's tamper switch and set Doors:{name}:Tamper");
            }
            if (door.PinAloneModes().Any())
            {
                pinDoors.Add(name);
                yield return new Finding("pin_alone_door", FindingSeverity.Medium, subject,
                    $"Doors:{name} admits by PIN alone ({string.Join(", ", door.PinAloneModes().Distinct())}): a PIN can be watched and shared",
                    "use CardAndPin, or a card, where the door allows it");
            }
            if (door.Dps is not null && !o.Cameras.Values.Any(c => c.Doors.Count == 0 || c.Doors.Contains(name, StringComparer.Ordinal)))
            {
                yield return new Finding("door_without_camera", FindingSeverity.Medium, subject,
                    $"no camera covers door {name}, which has forced and held-open alarms: an alarm has no clip",
                    "point a camera at the door and list it in Cameras:{camera}:Doors (docs/video.md)");
            }
        }
        if (pinDoors.Count > 0 && facts.CredentialList is { DuplicatePins: > 0 } list)
        {
            yield return new Finding("shared_pins", FindingSeverity.High, $"doors {string.Join(", ", pinDoors)}",
                $"the credential list has {list.DuplicatePins} PIN(s) held by more than one credential; typed alone they open for no one (ambiguous_pin) and say nothing about who came in",
                "issue a unique PIN to every credential (mailroom-edge credentials status counts them)");
        }
    }
}
