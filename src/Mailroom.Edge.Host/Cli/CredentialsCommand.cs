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
internal static class CredentialsCommand
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
            if (CommandConfiguration.TryLoad(parse) is not { } options)
                return ExitCodes.BadConfiguration;
            var pin = Console.In.ReadLine()?.Trim();
            if (pin is null || pin.Length is < 4 or > 16 || !pin.All(char.IsAsciiDigit))
            {
                Console.Error.WriteLine("standard input must hold one PIN of 4 to 16 digits (e.g. read -rs PIN; echo \"$PIN\" | mailroom-edge credentials hash-pin)");
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
            IReadOnlyList<EnrolledCredential> rows;
            try
            {
                using var reader = File.OpenText(path);
                rows = CredentialCsv.Parse(reader);
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
                var list = store.ReplaceAll(rows);
                Console.WriteLine($"imported {list.Count} credential(s) from {path}; list version 0 (local), hash {list.Hash}");
                return ExitCodes.Ok;
            });
        });
        return import;
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
        if (CommandConfiguration.TryLoad(parse) is not { } options)
            return ExitCodes.BadConfiguration;
        using var store = new SqliteCredentialStore(Path.Combine(options.DataDirectory, EdgeServices.CredentialsFile));
        return action(options, store);
    }

    private static string CliTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
