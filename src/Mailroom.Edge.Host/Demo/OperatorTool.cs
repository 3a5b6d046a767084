using System.Diagnostics;
using System.Security.Cryptography;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// The demo's operator: runs the real <c>mailroomctl</c> (a separate executable) to make a key and to sign and send
/// commands, exactly as an operator would from a shell.
/// </summary>
internal sealed class OperatorTool(string mailroomctlDll, string keyFile, string brokerHost, int brokerPort)
{
    public const string KeyName = "demo-operator";

    /// <summary>Makes the operator's key pair and returns the public key (base64 SPKI) for the agent's configuration.</summary>
    public async Task<string> KeygenAsync(CancellationToken cancellationToken)
    {
        var (code, output) = await RunAsync(["keygen", "--name", KeyName, "--out", keyFile], cancellationToken);
        if (code != 0)
            throw new InvalidOperationException($"mailroomctl keygen failed ({code}): {output}");
        using var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(keyFile, cancellationToken));
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The operator's part of the demo: a signed remote unlock, then a lockdown and its end, each followed
    /// by the events it caused up to its <c>command.result</c>.</summary>
    public async Task RunDemoStepsAsync(DemoNarrator narrator, CancellationToken cancellationToken)
    {
        foreach (var (label, verb) in new (string, string[])[]
        {
            ("a signed remote unlock of the front door (mailroomctl unlock --door front)", ["unlock", "--door", "front"]),
            ("a signed lockdown (mailroomctl send lockdown --active true)", ["send", "lockdown", "--active", "true"]),
            ("the lockdown is lifted (mailroomctl send lockdown --active false)", ["send", "lockdown", "--active", "false"]),
        })
        {
            narrator.Step(label);
            var (code, said) = await SendAsync(verb, cancellationToken);
            narrator.Say($"   mailroomctl: {said.ReplaceLineEndings(" ")} (exit {code})");
            await narrator.NarrateUntilAsync("command.result", cancellationToken);
        }
    }

    /// <summary>Runs a command verb (e.g. <c>unlock --door front</c>) against the demo device; returns its exit code
    /// and what it printed.</summary>
    public Task<(int ExitCode, string Output)> SendAsync(IEnumerable<string> verb, CancellationToken cancellationToken) =>
        RunAsync([.. verb, "--broker", $"{brokerHost}:{brokerPort}", "--site", "demo", "--device", "edge-1", "--key-name", KeyName, "--key", keyFile], cancellationToken);

    private async Task<(int, string)> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(mailroomctlDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start mailroomctl");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
