using System.CommandLine;
using System.Security.Cryptography;

namespace Mailroom.Edge.Ctl.Signing;

/// <summary>
/// <c>mailroomctl keygen --name ops-1 --out ops-1.key</c>: a new ECDSA P-256 key pair. The private key (PKCS#8 PEM)
/// goes to a file only its owner can read; the public key is printed as the agent configuration wants it.
/// </summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The key's name (the issuer the agents will know it by)", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the private key (refuses to overwrite)", Required = true };
        var command = new Command("keygen", "Make a new operator signing key (ECDSA P-256)");
        command.Options.Add(name);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var keyName = parse.GetValue(name)!;
            var path = parse.GetValue(output)!;
            if (!Core.Commands.CommandEnvelopeParser.IsIdentifier(keyName))
            {
                Console.Error.WriteLine($"--name: '{keyName}' must be 1-64 characters of a-z, A-Z, 0-9, '-' or '_'");
                return CtlExitCodes.Usage;
            }
            if (File.Exists(path))
            {
                Console.Error.WriteLine($"--out: '{path}' exists; a key is never overwritten (revoke it, then make one under a new name)");
                return CtlExitCodes.Usage;
            }
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            // Created with mode 0600 before any byte of the key is written.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(path, create))
            using (var writer = new StreamWriter(file))
                writer.Write(key.ExportPkcs8PrivateKeyPem());
            var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
            Console.WriteLine($"private key written to {path} (keep it on the operator's machine only)");
            Console.WriteLine("add to each agent's configuration:");
            // Created lets the agent's self-assessment say when the key is due for rotation (Assessment:KeyMaxAge).
            var created = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"  \"Commands\": {{ \"Keys\": {{ \"{keyName}\": {{ \"PublicKey\": \"{publicKey}\", \"Created\": \"{created}\" }} }} }}");
            return CtlExitCodes.Accepted;
        });
        return command;
    }
}
