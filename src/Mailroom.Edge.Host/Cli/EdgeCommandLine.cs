using System.CommandLine;

namespace Mailroom.Edge.Host.Cli;

/// <summary>The <c>mailroom-edge</c> command line: the service (<c>run</c>, the default) and the installer's verbs.</summary>
public static class EdgeCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Mailroom Edge: access control and event video agent for one or two doors.");
        var run = RunCommand.Create();
        root.Subcommands.Add(run);
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(WiegandCommand.Create());
        root.Subcommands.Add(GpioCommand.Create());
        root.Subcommands.Add(SafeStateCommand.Create());
        root.Subcommands.Add(CredentialsCommand.Create());
        foreach (var option in run.Options)
            root.Options.Add(option);
        root.Action = run.Action;
        return root;
    }
}
