using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Storage.Interop;

namespace Mailroom.Edge.Host.Osdp;

/// <summary>
/// The OSDP readers' Secure Channel base keys, in <c>{DataDirectory}/osdp-keys.json</c>: <c>{"keys": {"name": "hex"}}</c>,
/// mode 0600 (only the service user reads it), written whole to a temporary file, flushed and renamed, so a key handed
/// to a reader is on disk first and a crash never leaves half a file. Read on every handshake, so a key file an installer
/// provisions takes effect at the reader's next session. An unreadable file is reported, and yields no key (the reader
/// then waits for install mode; it is never polled in plaintext).
/// </summary>
public sealed class OsdpKeyFile(string path) : IOsdpKeyStore
{
    public const string FileName = "osdp-keys.json";
    private const UnixFileMode OwnerOnly = PrivateFile.OwnerOnly;
    private readonly Lock _gate = new();

    public string Path => path;

    /// <summary>Why the file could not be read the last time, or null.</summary>
    public string? Problem { get; private set; }

    public byte[]? Find(string name)
    {
        lock (_gate)
        {
            var keys = Load();
            return keys?[name]?.GetValue<string>() is { } hex && TryKey(hex) is { } key ? key : null;
        }
    }

    public void Save(string name, ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
            throw new ArgumentException("an OSDP Secure Channel key has 16 bytes", nameof(key));
        lock (_gate)
        {
            // Never rewrite a file that could not be read: the other readers' keys in it would be lost.
            var keys = Load() ?? (File.Exists(path) ? throw new IOException($"cannot add a key: {Problem}") : []);
            keys[name] = Convert.ToHexString(key);
            PrivateFile.Write(path, stream => JsonSerializer.Serialize(stream, new JsonObject { ["keys"] = keys }));
        }
    }

    private JsonObject? Load()
    {
        if (!File.Exists(path))
        {
            Problem = null;
            return null;
        }
        try
        {
            // A key file others can read is no secret: it is closed up before it is used.
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
                File.SetUnixFileMode(path, OwnerOnly);
            var keys = JsonNode.Parse(File.ReadAllText(path))?["keys"] as JsonObject
                ?? throw new JsonException("no \"keys\" object");
            Problem = null;
            return (JsonObject)keys.DeepClone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            Problem = $"{path}: {e.Message}";
            return null;
        }
    }

    private static byte[]? TryKey(string hex)
    {
        try
        {
            var key = Convert.FromHexString(hex);
            return key.Length == 16 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
