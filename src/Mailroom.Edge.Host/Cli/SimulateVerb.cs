using System.CommandLine;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Simulation;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge simulate --config FILE --script SCRIPT</c>: the core on simulated hardware and virtual time,
/// driven by a script (docs/simulator.md); prints every event as a JSON line; exits 1 when an expectation fails.</summary>
internal static class SimulateVerb
{
    public static Command Create()
    {
        var script = new Option<string>("--script")
        {
            Description = "Scenario script (see docs/simulator.md)",
            Required = true,
        };
        var command = new Command("simulate", "Run a scenario script against the door controller on simulated hardware and virtual time");
        command.Options.Add(CommonOptions.Config);
        command.Options.Add(CommonOptions.Set);
        command.Options.Add(script);
        command.SetAction(parse =>
        {
            // The simulator always uses the simulated chip, whatever the file says about the device's hardware.
            var sets = (parse.GetValue(CommonOptions.Set) ?? []).Append("Gpio:Chip=simulated");
            EdgeOptions options;
            IReadOnlyList<EnrolledCredential> seed = [];
            try
            {
                options = EdgeConfiguration.Load(EdgeConfiguration.Build(parse.GetValue(CommonOptions.Config), sets));
                if (options.Credentials.SeedCsv is { Length: > 0 } csv)
                {
                    using var reader = File.OpenText(csv);
                    seed = CredentialCsv.Parse(reader);
                }
            }
            catch (ConfigurationException e)
            {
                VerbConfiguration.PrintError(e);
                return ExitCodes.BadConfiguration;
            }
            catch (CredentialImportException e)
            {
                Console.Error.WriteLine($"Credentials:SeedCsv: {e.Message}");
                return ExitCodes.BadConfiguration;
            }
            var path = parse.GetValue(script)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"--script: the file '{path}' does not exist");
                return ExitCodes.BadConfiguration;
            }
            try
            {
                IReadOnlyList<ScenarioStep> steps;
                using (var reader = File.OpenText(path))
                    steps = ScenarioScript.Parse(reader);
                using var runner = new ScenarioRunner(options, Console.Out, Console.Error, seed);
                return runner.Run(steps) ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (ScenarioException e)
            {
                Console.Error.WriteLine($"script error: {path}: {e.Message}");
                return ExitCodes.BadConfiguration;
            }
            catch (ConfigurationException e)
            {
                VerbConfiguration.PrintError(e);
                return ExitCodes.BadConfiguration;
            }
        });
        return command;
    }
}
