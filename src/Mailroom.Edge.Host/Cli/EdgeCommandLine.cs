using System.CommandLine;

namespace Mailroom.Edge.Host.Cli;

/// <summary>The <c>mailroom-edge</c> command line: the service (<c>run</c>, the default) and the installer's verbs.</summary>
public static class EdgeCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Mailroom Edge: access control and event video agent for one or two doors.");
        var run = RunVerb.Create();
        root.Subcommands.Add(run);
        root.Subcommands.Add(DemoVerb.Create());
        root.Subcommands.Add(SimulateVerb.Create());
        root.Subcommands.Add(ConfigVerb.Create());
        root.Subcommands.Add(AssessVerb.Create());
        root.Subcommands.Add(InstallerVerb.Create());
        root.Subcommands.Add(WiegandVerb.Create());
        root.Subcommands.Add(OsdpVerb.Create());
        root.Subcommands.Add(CameraVerb.Create());
        root.Subcommands.Add(GpioVerb.Create());
        root.Subcommands.Add(SafeStateVerb.Create());
        root.Subcommands.Add(CredentialsVerb.Create());
        foreach (var option in run.Options)
            root.Options.Add(option);
        root.Action = run.Action;
        return root;
    }
}
