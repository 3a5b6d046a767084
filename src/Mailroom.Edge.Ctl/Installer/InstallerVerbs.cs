using System.CommandLine;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Text;
using Mailroom.Edge.Ctl.Sending;
using Mailroom.Edge.Ctl.Signing;

namespace Mailroom.Edge.Ctl.Installer;

/// <summary>
/// <c>mailroomctl installer enable|disable --device D</c>: the device's installer's page (docs/installer.md), the signed
/// way. Enable makes the one-time setup code here, prints it, and sends only its PBKDF2 hash: the code is never on the
/// wire or on the device. The result carries the page's port, the window's end and the certificate's fingerprint, for
/// the operator to pass to the installer with the code.
/// </summary>
internal static class InstallerVerbs
{
    private static readonly Option<string> For = new("--for")
    {
        Description = $"How long the page stays on: 30m, 4h (default), at most {InstallerArguments.LongestWindow.TotalHours:0}h",
        DefaultValueFactory = _ => "4h",
    };

    public static readonly CommandVerb Enable = new(CommandNames.Installer,
        "Turn the installer's page on: prints a one-time setup code made here (only its hash is sent)", [For], EnableArgs, InstallerArguments.EnableAction);

    public static readonly CommandVerb Disable = new(CommandNames.Installer, "Turn the installer's page off now", [],
        _ => new JsonObject { ["action"] = InstallerArguments.DisableAction }, InstallerArguments.DisableAction);

    public static Command Create()
    {
        var installer = new Command("installer", "The device's installer's page: turn it on for a while, or off");
        installer.Subcommands.Add(SendCommand.Create(Enable));
        installer.Subcommands.Add(SendCommand.Create(Disable));
        return installer;
    }

    private static JsonObject EnableArgs(ParseResult parse)
    {
        var text = parse.GetValue(For)!;
        if (!DurationText.TryParse(text, out var duration) || duration <= TimeSpan.Zero || duration > InstallerArguments.LongestWindow)
            throw new Settings.CtlUsageException($"--for: '{text}' must be a duration such as 30m or 4h, at most {InstallerArguments.LongestWindow.TotalHours:0}h");
        var code = InstallerSetupCode.New();
        // Printed before sending: the operator needs it whatever the device answers, and nothing else ever holds it.
        Console.WriteLine($"setup code: {code} (give it to the installer; the device holds only its hash)");
        return new JsonObject
        {
            ["action"] = InstallerArguments.EnableAction,
            ["duration_ms"] = (long)duration.TotalMilliseconds,
            ["setup_code_hash"] = InstallerSetupCode.Hash(code),
        };
    }
}
