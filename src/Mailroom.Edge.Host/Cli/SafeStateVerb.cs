using System.CommandLine;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge safe-state</c>: requests every configured output at its safe value, then exits. systemd runs it
/// after the service stops or crashes (<c>ExecStopPost=</c>): the kernel leaves a released line as it was, so a crash
/// while a strike is energised would otherwise leave the door unlocked.
/// </summary>
internal static class SafeStateVerb
{
    public static Command Create()
    {
        var command = new Command("safe-state", "Set every configured output (strikes) to its safe value and exit");
        command.Options.Add(CommonOptions.Config);
        command.Options.Add(CommonOptions.Set);
        command.SetAction(parse =>
        {
            if (VerbConfiguration.TryLoad(parse) is not { } options)
                return ExitCodes.BadConfiguration;
            try
            {
                using var chip = GpioChips.Open(options.Gpio, TimeProvider.System);
                var map = HardwareMap.Resolve(options, chip);
                // DoorHardware requests the strikes at their safe value and relocks them on dispose: exactly this verb.
                using (new DoorHardware(chip, options))
                {
                }
                foreach (var line in map.Outputs)
                    Console.WriteLine($"safe-state: {line.Key} ({line.Line}) set to its safe value");
                return ExitCodes.Ok;
            }
            catch (ConfigurationException e)
            {
                VerbConfiguration.PrintError(e);
                return ExitCodes.BadConfiguration;
            }
            catch (GpioException e)
            {
                Console.Error.WriteLine($"safe-state: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
