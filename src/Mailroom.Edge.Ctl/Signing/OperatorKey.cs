using System.Globalization;
using System.Security.Cryptography;
using Mailroom.Edge.Ctl.Settings;

namespace Mailroom.Edge.Ctl.Signing;

/// <summary>
/// The operator's private key and its counter. The counter is <c>max(last + 1, Unix time in ms)</c>, kept in
/// <c>{key}.counter</c> and written before the command is sent: it only grows, even across machines sharing the key
/// (their clocks keep them close to real time) and even if the file is lost. Verbs that sign for several devices at
/// once (<c>credentials push --parallel</c>) take the counter one at a time.
/// </summary>
internal sealed class OperatorKey : IDisposable
{
    private static readonly Lock CounterFile = new();

    private OperatorKey(string name, string file, ECDsa key)
    {
        Name = name;
        File = file;
        Key = key;
    }

    public string Name { get; }

    public string File { get; }

    public ECDsa Key { get; }

    public static OperatorKey Load(CtlSettings settings)
    {
        var name = settings.KeyName ?? throw new CtlUsageException("--key-name: no key name given (flag or settings file)");
        var file = settings.KeyFile ?? throw new CtlUsageException("--key: no private key file given (flag or settings file)");
        if (!System.IO.File.Exists(file))
            throw new CtlUsageException($"--key: the file '{file}' does not exist");
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(System.IO.File.ReadAllText(file));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new CtlUsageException($"--key: '{file}' is not a PEM ECDSA private key: {e.Message}");
        }
        return new OperatorKey(name, file, key);
    }

    public long NextCounter(DateTimeOffset now)
    {
        lock (CounterFile)
            return WriteNextCounter(now);
    }

    private long WriteNextCounter(DateTimeOffset now)
    {
        var counterFile = File + ".counter";
        long last = 0;
        if (System.IO.File.Exists(counterFile))
            _ = long.TryParse(System.IO.File.ReadAllText(counterFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out last);
        var next = Math.Max(last + 1, now.ToUnixTimeMilliseconds());
        using (var stream = new FileStream(counterFile, FileMode.Create, FileAccess.Write))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture)));
            stream.Flush(flushToDisk: true);
        }
        return next;
    }

    public void Dispose() => Key.Dispose();
}
