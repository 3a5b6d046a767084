using System.CommandLine;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge credentials status|import FILE.csv|export FILE.csv</c>: the installer's view of the credential
/// list in <c>{DataDirectory}/credentials.db</c>. An import is checked as a whole first (every bad row is listed with
/// its line number) and then replaces the list in one transaction, so nothing is half-imported; a running agent goes
/// on deciding with the old list until the import commits. <c>hash-pin</c> is the installer's way to enrol a PIN by hand.
/// </summary>
internal static class CredentialsVerb
{
    public static Command Create()
    {
        var command = new Command("credentials", "The credential list: status, CSV import and export, PIN hashing");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Export());
        command.Subcommands.Add(HashPin());
        return command;
    }

    /// <summary>
    /// Reads one PIN from standard input — never from the command line, where it would stay in the shell history and
    /// be visible to every user in the process list — and prints the CSV's <c>pin_hash</c> and, with the site's
    /// <c>Credentials:PinIndexKey</c>, its <c>pin_index</c>. The PIN itself is never printed.
    /// </summary>
    private static Command HashPin()
    {
        var hashPin = WithConfig(new Command("hash-pin", "Read a PIN from standard input; print its pin_hash and pin_index (the PIN is never an argument)"));
        hashPin.SetAction(parse =>
        {
            if (VerbConfiguration.TryLoad(parse) is not { } options)
                return ExitCodes.BadConfiguration;
            var pin = Console.In.ReadLine()?.Trim();
            var (longest, why) = LongestTypablePin(options);
            if (pin is null || pin.Length < MinimumPinDigits || pin.Length > longest || !pin.All(char.IsAsciiDigit))
            {
                Console.Error.WriteLine($"standard input must hold one PIN of {MinimumPinDigits} to {longest} digits ({why}; e.g. read -rs PIN; echo \"$PIN\" | mailroom-edge credentials hash-pin)");
                return ExitCodes.Failed;
            }
            Console.WriteLine($"pin_hash: {PinHash.Hash(pin)}");
            if (options.Credentials.EffectivePinIndexKey() is { } key)
                Console.WriteLine($"pin_index: {key.Index(pin)}");
            else
                Console.Error.WriteLine("pin_index: not computed: Credentials:PinIndexKey is not set (doors that admit by PIN alone need it)");
            return ExitCodes.Ok;
        });
        return hashPin;
    }

    /// <summary>Shorter PINs are guessed in a few hundred tries at the keypad.</summary>
    private const int MinimumPinDigits = 4;

    /// <summary>The longest PIN a configured keypad takes (<c>Readers:{name}:PinMaxDigits</c>; it refuses the next
    /// digit): a longer one could be enrolled but never typed. Without a keypad, the largest PinMaxDigits allowed.</summary>
    private static (int Digits, string Why) LongestTypablePin(EdgeOptions options)
    {
        var keypads = options.Readers.Where(r => r.Value.TakesKeys).ToList();
        if (keypads.Count == 0)
            return (16, "no keypad is configured; a keypad takes at most 16");
        var longest = keypads.MaxBy(k => k.Value.PinMaxDigits);
        return (longest.Value.PinMaxDigits, $"the longest PIN a configured keypad takes is Readers:{longest.Key}:PinMaxDigits {longest.Value.PinMaxDigits}");
    }

    private static Command Status()
    {
        var status = WithConfig(new Command("status", "Print the live list's version, count, content hash and age"));
        status.SetAction(parse => WithStore(parse, (options, store) =>
        {
            var freshness = new CredentialFreshness(store, options.Credentials.MaxAge, options.Credentials.WhenStale, TimeProvider.System);
            var list = store.Status;
            Console.WriteLine($"version: {list.Version}{(list.Version == 0 ? " (not from the server)" : "")}");
            Console.WriteLine($"count: {list.Count}");
            Console.WriteLine($"hash: {list.Hash}");
            Console.WriteLine($"duplicate_pins: {list.DuplicatePins}{(list.DuplicatePins > 0 ? " (each is a PIN held by more than one credential: typed alone it is denied ambiguous_pin)" : "")}");
            Console.WriteLine($"updated: {(list.UpdatedAt is { } u ? CliTime(u) : "never")}");
            Console.WriteLine($"stale: {(freshness.MaxAge is null ? "no (no Credentials:MaxAge)" : freshness.IsStale ? $"YES, older than {freshness.MaxAge} ({(freshness.RespondersOnly ? "responders only" : "still used")})" : $"no (max age {freshness.MaxAge})")}");
            Console.WriteLine($"file: {store.FilePath}");
            return ExitCodes.Ok;
        }));
        return status;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV file: " + CredentialCsv.Header };
        var import = WithConfig(new Command("import", "Replace the credential list with a CSV file (all rows or none)"));
        import.Arguments.Add(file);
        import.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            IReadOnlyList<(EnrolledCredential Credential, int Line)> rows;
            try
            {
                using var reader = File.OpenText(path);
                rows = CredentialCsv.ParseNumbered(reader);
            }
            catch (CredentialImportException e)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
                return ExitCodes.Failed;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"{path}: {e.Message}");
                return ExitCodes.Failed;
            }
            return WithStore(parse, (_, store) =>
            {
                var list = store.ReplaceAll(rows.Select(r => r.Credential));
                Console.WriteLine($"imported {list.Count} credential(s) from {path}; list version 0 (local), hash {list.Hash}");
                WarnOfSharedPins(path, rows);
                return ExitCodes.Ok;
            });
        });
        return import;
    }

    /// <summary>Shared PINs are imported (a card-and-PIN door tells their holders apart by the card) but named by line,
    /// since a PIN-only or card-or-PIN door cannot.</summary>
    private static void WarnOfSharedPins(string path, IReadOnlyList<(EnrolledCredential Credential, int Line)> rows)
    {
        foreach (var group in SharedPins.Find([.. rows.Select(r => r.Credential)]))
            Console.Error.WriteLine($"warning: {path}: lines {string.Join(", ", group.Select(i => rows[i].Line))} share a PIN; typed alone (PinOnly, CardOrPin doors) it is denied ambiguous_pin");
    }

    private static Command Export()
    {
        var file = new Argument<string>("FILE") { Description = "CSV file to write, or - for standard output" };
        var export = WithConfig(new Command("export", "Write the credential list as CSV (the import format)"));
        export.Arguments.Add(file);
        export.SetAction(parse => WithStore(parse, (_, store) =>
        {
            var path = parse.GetValue(file)!;
            using var writer = path == "-" ? Console.Out : new StreamWriter(path);
            var rows = CredentialCsv.Write(writer, store.ReadAll());
            writer.Flush();
            if (path != "-")
                Console.WriteLine($"exported {rows} credential(s) of list version {store.Status.Version} to {path}");
            return ExitCodes.Ok;
        }));
        return export;
    }

    private static Command WithConfig(Command command)
    {
        command.Options.Add(CommonOptions.Config);
        command.Options.Add(CommonOptions.Set);
        return command;
    }

    private static int WithStore(ParseResult parse, Func<EdgeOptions, SqliteCredentialStore, int> action)
    {
        if (VerbConfiguration.TryLoad(parse) is not { } options)
            return ExitCodes.BadConfiguration;
        using var store = new SqliteCredentialStore(Path.Combine(options.DataDirectory, EdgeServices.CredentialsFile));
        return action(options, store);
    }

    private static string CliTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
