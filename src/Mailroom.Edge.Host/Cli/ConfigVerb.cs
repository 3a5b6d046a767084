using System.CommandLine;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Host.Assessment;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge config check</c>: the same validation the service does at start, printed.</summary>
internal static class ConfigVerb
{
    public static Command Create()
    {
        var check = new Command("check", "Validate the configuration and print the result");
        check.Options.Add(CommonOptions.Config);
        check.Options.Add(CommonOptions.Set);
        check.SetAction(parse => Check(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Set) ?? [], Console.Out, Console.Error));
        var command = new Command("config", "Configuration tools");
        command.Subcommands.Add(check);
        return command;
    }

    /// <summary>The check itself, writing where it is told, so tests can run it in-process: returns
    /// <see cref="ExitCodes.Ok"/> or <see cref="ExitCodes.BadConfiguration"/>.</summary>
    public static int Check(string? configFile, IEnumerable<string> settings, TextWriter output, TextWriter error)
    {
        if (VerbConfiguration.TryLoad(configFile, settings, error) is not { } options)
            return ExitCodes.BadConfiguration;
        try
        {
            CheckHardware(options, output);
            Report(options, configFile, output);
            return ExitCodes.Ok;
        }
        catch (ConfigurationException e)
        {
            VerbConfiguration.PrintError(e, error);
            return ExitCodes.BadConfiguration;
        }
    }

    /// <summary>Everything the check prints after the hardware: the summary, notes and warnings, and the
    /// self-assessment's counts. The installer's page shows it for the running agent (whose lines it does not reopen).</summary>
    public static void Report(EdgeOptions options, string? configFile, TextWriter output)
    {
        output.WriteLine($"configuration ok: site {options.Site}, device {options.Device}, {options.Doors.Count} door(s), {options.Readers.Count} reader(s), chip {options.Gpio.Chip}, broker {options.Mqtt.Host}:{options.Mqtt.Port}");
        foreach (var note in RuleConfiguration.Notes(options))
            output.WriteLine($"note: {note}");
        WarnOfSharedPins(options, output);
        WarnOfUnknownCredentialSchedules(options, output);
        foreach (var warning in OsdpReaderCheck.Warnings(options).Concat(NfcReaderCheck.Warnings(options)))
            output.WriteLine($"warning: {warning}");
        DataPartitionCheck.Warn(options, output);
        HeldClipCheck.Warn(options, output);
        var (high, medium, low) = SiteAssessment.Count(SiteFactsProbe.AssessNow(options, configFile, TimeProvider.System));
        output.WriteLine($"note: security self-assessment: {high} high, {medium} medium, {low} low finding(s); mailroom-edge assess lists them with the fix");
    }

    /// <summary>A door that admits by PIN alone denies every shared PIN as <c>ambiguous_pin</c>; the live list (when
    /// there is one: the check creates no file) says whether it has any.</summary>
    private static void WarnOfSharedPins(EdgeOptions options, TextWriter output)
    {
        var pinDoors = options.Doors.Where(d => d.Value.PinAloneModes().Any()).Select(d => d.Key).ToList();
        var file = Path.Combine(options.DataDirectory, EdgeServices.CredentialsFile);
        if (pinDoors.Count == 0 || !File.Exists(file))
            return;
        using var store = new Storage.Credentials.SqliteCredentialStore(file);
        if (store.Status.DuplicatePins > 0)
            output.WriteLine($"warning: the credential list has {store.Status.DuplicatePins} PIN(s) held by more than one credential; typed alone at {string.Join(", ", pinDoors)} they are denied ambiguous_pin (credentials status; the server should issue unique PINs)");
    }

    /// <summary>A credential limited to a schedule the device does not have is never admitted (<c>outside_schedule</c>):
    /// the live list (when there is one) says whether any credential names such a schedule.</summary>
    private static void WarnOfUnknownCredentialSchedules(EdgeOptions options, TextWriter output)
    {
        var file = Path.Combine(options.DataDirectory, EdgeServices.CredentialsFile);
        if (!File.Exists(file))
            return;
        using var store = new Storage.Credentials.SqliteCredentialStore(file);
        foreach (var (schedule, credentials) in store.NamedSchedules().Where(n => !options.Schedules.ContainsKey(n.Schedule)))
            output.WriteLine($"warning: {credentials} credential(s) of the list are limited to schedule '{schedule}', which is not configured (Schedules:{schedule}); they are denied outside_schedule");
    }

    /// <summary>Resolves the hardware map on the configured chip when it can be opened here; on a machine without it
    /// (a workstation, a package build) the lines are reported as not checked rather than failing the check.</summary>
    private static void CheckHardware(EdgeOptions options, TextWriter output)
    {
        IGpioChip chip;
        try
        {
            // With expanders this also opens each one on its bus: a board that does not answer is reported here.
            chip = GpioChips.Open(options.Gpio, TimeProvider.System);
        }
        catch (GpioException e)
        {
            output.WriteLine($"warning: Gpio: {e.Message} (GPIO lines not checked)");
            return;
        }
        using (chip)
            HardwareMap.Resolve(options, chip);
    }
}
