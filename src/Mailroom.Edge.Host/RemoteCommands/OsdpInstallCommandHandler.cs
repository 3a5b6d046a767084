using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Osdp;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// <c>osdp-install</c>: the signed form of <c>mailroom-edge osdp install</c>. Opens one OSDP reader's install window
/// (30 s to 1 h, default 10 min); the reader's <c>reader.install_*</c> events say what came of it.
/// </summary>
public sealed class OsdpInstallCommandHandler(DoorAssembly assembly) : ICommandHandler
{
    public string Name => CommandNames.OsdpInstall;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        var args = (OsdpInstallArguments)command.Arguments;
        var window = args.Duration ?? OsdpInstallWindow.Default;
        var problem = OsdpInstallWindow.Open(assembly, args.Reader, window, command.Issuer);
        return ValueTask.FromResult(problem is null
            ? CommandOutcome.Accepted($"install mode on reader {args.Reader} for {window.TotalSeconds:0} s")
            : CommandOutcome.Rejected(CommandReason.InvalidArguments, problem));
    }
}
