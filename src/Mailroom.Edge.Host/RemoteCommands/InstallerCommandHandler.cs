using System.Buffers;
using System.Net;
using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Installer;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// <c>installer</c>: the signed form of <c>mailroom-edge installer enable|disable</c>. Enable opens a new window for the
/// setup code whose hash the command carries (the code itself never reaches the device) and answers with the page's
/// port, the window's end and the certificate's fingerprint, which the operator passes to the installer with the code;
/// the page starts within a second (<c>installer.enabled</c>). Disable closes the window at once.
/// </summary>
public sealed class InstallerCommandHandler(EdgeOptions options, TimeProvider time) : ICommandHandler
{
    public string Name => CommandNames.Installer;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        var args = (InstallerArguments)command.Arguments;
        var file = new InstallerWindowFile(Path.Combine(options.DataDirectory, InstallerWindowFile.FileName));
        if (args.Action == InstallerArguments.DisableAction)
        {
            file.Close();
            return ValueTask.FromResult(CommandOutcome.Accepted("the installer's page turns off within a second"));
        }
        using var certificate = InstallerCertificate.LoadOrCreate(options, time);
        var until = time.GetUtcNow() + (args.Duration ?? InstallerArguments.DefaultWindow);
        file.Open(until, args.SetupCodeHash!);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("port", IPEndPoint.Parse(options.Installer.Bind).Port);
            json.WriteString("until", WireNames.Timestamp(until));
            json.WriteString("fingerprint", InstallerCertificate.Fingerprint(certificate));
            json.WriteEndObject();
        }
        return ValueTask.FromResult(CommandOutcome.Accepted($"installer's page on until {WireNames.Timestamp(until)}", buffer.WrittenSpan.ToArray()));
    }
}
