using System.CommandLine;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Host.Composition;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge gpio list [--chip CHIP]</c>: chips and lines with names, direction and consumer, like
/// <c>gpioinfo</c>, for installers.</summary>
internal static class GpioVerb
{
    public static Command Create()
    {
        var chipOption = new Option<string?>("--chip") { Description = "Only this chip (path, name, label or 'simulated')" };
        var list = new Command("list", "List GPIO chips and their lines");
        list.Options.Add(chipOption);
        list.SetAction(parse => List(parse.GetValue(chipOption)));
        var command = new Command("gpio", "GPIO tools for installers");
        command.Subcommands.Add(list);
        return command;
    }

    private static int List(string? only)
    {
        try
        {
            var chips = only is not null ? [only] : GpioChipDirectory.Enumerate().Select(c => c.Path).ToList();
            if (chips.Count == 0)
            {
                Console.Error.WriteLine("gpio list: no /dev/gpiochip* on this machine: is this a Raspberry Pi, and is the GPIO character device enabled? (use --chip simulated to see the simulated chip)");
                return ExitCodes.Failed;
            }
            foreach (var path in chips)
            {
                using var chip = GpioChips.Open(path, TimeProvider.System);
                Console.WriteLine($"{chip.Name} [{chip.Label}]");
                foreach (var line in chip.ListLines())
                {
                    var direction = line.IsOutput ? "output" : "input";
                    var consumer = line.Used ? $"used by \"{line.Consumer}\"" : "unused";
                    Console.WriteLine($"\tline {line.Offset.Value,3}: {line.Name,-12} {direction,-6}{(line.ActiveLow ? " active-low" : "")}  {consumer}");
                }
            }
            return ExitCodes.Ok;
        }
        catch (GpioException e)
        {
            Console.Error.WriteLine($"gpio list: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
