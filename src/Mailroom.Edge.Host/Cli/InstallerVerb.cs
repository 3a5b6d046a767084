using System.CommandLine;
using System.Net;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Installer;
using Mailroom.Edge.Core.Text;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge installer enable [--for 4h]</c> opens a window for the installer's page: it prints the page's
/// address, a one-time setup code and the TLS certificate's fingerprint; the running agent starts the page within a
/// second and stops it when the time is up. <c>installer disable</c> closes the window at once. Run on the device,
/// by root or the service user (files written by root are handed to the data folder's owner).
/// </summary>
internal static class InstallerVerb
{
    private static readonly TimeSpan LongestWindow = InstallerArguments.LongestWindow;

    private static readonly Option<string> For = new("--for") { Description = "How long the page stays on: 30m, 4h (default), at most 24h", DefaultValueFactory = _ => "4h" };

    public static Command Create()
    {
        var enable = new Command("enable", "Turn the installer's page on for a while; print its address, a one-time setup code and the certificate's fingerprint");
        enable.Options.Add(CommonOptions.Config);
        enable.Options.Add(CommonOptions.Set);
        enable.Options.Add(For);
        enable.SetAction(parse => Enable(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.Set) ?? [], parse.GetValue(For)!, TimeProvider.System, Console.Out, Console.Error));
        var disable = new Command("disable", "Turn the installer's page off now");
        disable.Options.Add(CommonOptions.Config);
        disable.Options.Add(CommonOptions.Set);
        disable.SetAction(parse =>
        {
            if (VerbConfiguration.TryLoad(parse) is not { } options)
                return ExitCodes.BadConfiguration;
            new InstallerWindowFile(Path.Combine(options.DataDirectory, InstallerWindowFile.FileName)).Close();
            Console.WriteLine("the installer's page turns off within a second");
            return ExitCodes.Ok;
        });
        var command = new Command("installer", "The installer's page (docs/installer.md)");
        command.Subcommands.Add(enable);
        command.Subcommands.Add(disable);
        return command;
    }

    public static int Enable(string? configFile, IEnumerable<string> settings, string duration, TimeProvider time, TextWriter output, TextWriter error)
    {
        if (VerbConfiguration.TryLoad(configFile, settings, error) is not { } options)
            return ExitCodes.BadConfiguration;
        if (!DurationText.TryParse(duration, out var length) || length <= TimeSpan.Zero || length > LongestWindow)
        {
            error.WriteLine($"--for: '{duration}' must be a duration such as 30m or 4h, at most {LongestWindow.TotalHours:0}h");
            return ExitCodes.BadConfiguration;
        }
        Directory.CreateDirectory(options.DataDirectory);
        using var certificate = InstallerCertificate.LoadOrCreate(options, time);
        var file = new InstallerWindowFile(Path.Combine(options.DataDirectory, InstallerWindowFile.FileName));
        var until = time.GetUtcNow() + length;
        var code = file.OpenNew(until);
        HandToServiceUser(options, file.Path, Path.Combine(options.DataDirectory, InstallerCertificate.FileName));
        var port = IPEndPoint.Parse(options.Installer.Bind).Port;
        output.WriteLine($"installer's page: https://{Dns.GetHostName()}:{port}/ (or the device's address), until {until:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"setup code: {code}");
        output.WriteLine($"certificate SHA-256 fingerprint: {InstallerCertificate.Fingerprint(certificate)}");
        output.WriteLine("compare the fingerprint with the one your browser shows before you type the code");
        return ExitCodes.Ok;
    }

    private static void HandToServiceUser(EdgeOptions options, params string[] files)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
            return;
        var owner = Interop.Libc.OwnerOf(options.DataDirectory);
        foreach (var file in files.Where(File.Exists))
            Interop.Libc.ChangeOwner(file, owner);
    }
}
