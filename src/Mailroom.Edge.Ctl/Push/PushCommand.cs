using System.Collections.Concurrent;
using System.CommandLine;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Ctl.Signing;
using Mailroom.Edge.Ctl.Status;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Ctl.Push;

/// <summary>
/// <c>mailroomctl credentials push --csv FILE [--device D …] [--delta]</c>: pushes a credential list to one device, or
/// to every device of the site (their retained <c>status</c>) with at most <c>--parallel</c> at a time, and prints a
/// table. Resumable: a device the state directory records as holding this list is skipped, so running the same
/// command again after Ctrl-C, a crash or an offline device finishes the rest (docs/operations.md).
/// </summary>
internal static class PushCommand
{
    private static readonly Option<string> Csv = new("--csv") { Description = "The credential list (the CSV mailroom-edge credentials import reads)", Required = true };
    private static readonly Option<string[]> Devices = new("--device") { Description = "Target device (repeatable); default: every device of the site" };
    private static readonly Option<bool> Delta = new("--delta") { Description = "Send only the changes from the list the device holds (a full snapshot when mailroomctl does not know it)" };
    private static readonly Option<string?> State = new("--state") { Description = "State directory: what each device applied (default $XDG_STATE_HOME/mailroomctl or ~/.local/state/mailroomctl)" };
    private static readonly Option<int> Parallel = new("--parallel") { Description = "Devices pushed to at once", DefaultValueFactory = _ => 4 };
    private static readonly Option<int> ChunkSize = new("--chunk-size") { Description = "Credentials per snapshot chunk (1000..5000 works well)", DefaultValueFactory = _ => 2000 };
    private static readonly Option<double> Timeout = new("--timeout") { Description = "Seconds to wait for each command's result (an offline device is 'no answer' after it)", DefaultValueFactory = _ => 30 };
    private static readonly Option<double> ApplyTimeout = new("--apply-timeout") { Description = "Seconds to wait for the device's sync_result once every chunk is with the broker", DefaultValueFactory = _ => 600 };

    public static Command Create()
    {
        var command = new Command("push", "Push a credential list (CSV) to a device or a whole site: signed authorisation, snapshot or delta, per-device result");
        CtlOptions.AddTo(command, withKey: true);
        foreach (var option in new Option[] { Csv, Devices, Delta, State, Parallel, ChunkSize, Timeout, ApplyTimeout })
            command.Options.Add(option);
        CtlAction.Set(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CtlSettings settings, CancellationToken cancellationToken)
    {
        var site = CtlOptions.RequireSite(settings);
        var (parallel, chunkSize) = (parse.GetValue(Parallel), parse.GetValue(ChunkSize));
        if (parallel is < 1 or > 64)
            throw new CtlUsageException($"--parallel: {parallel} must be 1..64");
        if (chunkSize is < 1 or > 20_000)
            throw new CtlUsageException($"--chunk-size: {chunkSize} must be 1..20000 (a chunk is one MQTT message)");
        OperatorKey.Load(settings).Dispose(); // a missing key is a usage error before anything is read or sent

        var csv = parse.GetValue(Csv)!;
        if (LoadList(csv) is not { } list)
            return CtlExitCodes.BadFile;
        var devices = parse.GetValue(Devices) is { Length: > 0 } given
            ? given.Distinct(StringComparer.Ordinal).ToList()
            : (await StatusCommand.CollectAsync(settings, site, TimeSpan.FromSeconds(1.5), cancellationToken)).Keys.Order(StringComparer.Ordinal).ToList();
        if (devices.Count == 0)
            throw new CtlUsageException($"--site: no device of site '{site}' has ever connected to {settings.Broker}; name one with --device");

        var state = new PushState(parse.GetValue(State) ?? PushState.DefaultDirectory);
        var options = new PushOptions(parse.GetValue(Delta), chunkSize, TimeSpan.FromSeconds(parse.GetValue(Timeout)), TimeSpan.FromSeconds(parse.GetValue(ApplyTimeout)));
        await Console.Error.WriteLineAsync($"{csv}: {list.Count} credentials, hash {list.Hash}; {devices.Count} device(s) of '{site}', {Math.Min(parallel, devices.Count)} at a time; state in {state.Directory}");
        var push = new DevicePush(settings, options, list, state, Console.Error);
        var outcomes = await PushAllAsync(push, site, devices, parallel, cancellationToken);
        return PushReport.Print(outcomes, Console.Out);
    }

    /// <summary>Pushes to every device, at most <paramref name="parallel"/> at a time; outcomes in device order.</summary>
    public static async Task<IReadOnlyList<PushOutcome>> PushAllAsync(DevicePush push, string site, IReadOnlyList<string> devices, int parallel, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentDictionary<string, PushOutcome>(StringComparer.Ordinal);
        await System.Threading.Tasks.Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (device, token) =>
        {
            var outcome = await push.RunAsync(site, device, token);
            outcomes[device] = outcome;
            await Console.Error.WriteLineAsync($"{device}: {PushReport.Word(outcome.Result)} after {outcome.Seconds:0.0} s{(outcome.Detail is null ? "" : $" ({outcome.Detail})")}");
        });
        return [.. devices.Select(d => outcomes[d])];
    }

    /// <summary>The list, or null after printing every bad line (nothing is sent for a bad file).</summary>
    private static PushList? LoadList(string csv)
    {
        try
        {
            return PushList.Load(csv);
        }
        catch (CredentialImportException e)
        {
            foreach (var error in e.Errors)
                Console.Error.WriteLine($"{csv}: {error}");
            Console.Error.WriteLine($"{csv}: {e.Errors.Count} error(s); nothing was sent");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CtlUsageException($"--csv: {e.Message}");
        }
    }
}
