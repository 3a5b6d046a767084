using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Devices.Nfc;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Osdp;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// The one way to build a configuration's doors, used by the agent and the simulator alike: the strikes first, in their
/// safe (locked) state; then the door state machines, interlocks and access rules (<see cref="DoorSystem"/>); the
/// contact inputs (<see cref="DoorInputs"/>); and every reader through <see cref="ReaderAssembly"/>. Disposing releases
/// the readers and inputs, then relocks every door before its lines are released.
/// </summary>
public sealed class DoorAssembly : IDisposable
{
    private readonly List<AssembledReader> _readers = [];

    public DoorAssembly(IGpioChip chip, EdgeOptions options, AccessSources access, IEventPort events, TimeProvider time,
        Func<ReaderId, ReaderDiagnostics>? diagnostics = null, IOsdpKeyStore? osdpKeys = null, NfcBusOpener? nfcBuses = null)
    {
        nfcBuses ??= new NfcBusOpener();
        osdpKeys ??= new OsdpKeyFile(Path.Combine(options.DataDirectory, OsdpKeyFile.FileName));
        Hardware = new DoorHardware(chip, options);
        try
        {
            Doors = new DoorSystem(options, Hardware, access, events, time);
            Inputs = new DoorInputs(chip, options, Doors);
            foreach (var (name, settings) in options.Readers)
            {
                var reader = new ReaderId(name);
                _readers.Add(ReaderAssembly.Build(chip, options, reader, settings, Doors, events, time,
                    diagnostics?.Invoke(reader) ?? new ReaderDiagnostics(), osdpKeys, nfcBuses));
            }
            OsdpBuses = [.. _readers.Where(r => r.Osdp is not null).GroupBy(r => r.Settings.Port, StringComparer.Ordinal)
                .Select(port => new OsdpBus(port.Key, port.First().Settings.Baud, [.. port.Select(r => r.Osdp!)]))];
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public DoorHardware Hardware { get; }

    public DoorSystem Doors { get; } = null!;

    public DoorInputs Inputs { get; } = null!;

    public IReadOnlyList<AssembledReader> Readers => _readers;

    /// <summary>The NFC readers' loops, one thread each.</summary>
    public IEnumerable<NfcReaderLoop> NfcReaders => _readers.Where(r => r.Nfc is not null).Select(r => r.Nfc!);

    /// <summary>The OSDP readers grouped by serial port: one bus, one poll loop each (multi-drop).</summary>
    public IReadOnlyList<OsdpBus> OsdpBuses { get; } = [];

    public void Dispose()
    {
        foreach (var reader in _readers)
            reader.Dispose();
        _readers.Clear();
        Inputs?.Dispose();
        Doors?.Dispose();
        Hardware.Dispose();
    }
}
